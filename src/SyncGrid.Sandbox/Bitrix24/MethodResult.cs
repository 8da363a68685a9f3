using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>What a method handler hands to the envelope: the result and, for lists, the lifted <c>total</c>/<c>next</c>.</summary>
internal sealed record MethodResult(JsonNode? Result, int? Total = null, int? Next = null);
