namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>An outgoing webhook of a sandbox portal: its handler id, URL, events and the application token the portal shows for it.</summary>
public sealed record Bitrix24OutgoingWebhook(int Id, Uri Handler, IReadOnlyList<string> Events, string ApplicationToken);

/// <summary>What happened to outgoing events so far.</summary>
public sealed record Bitrix24EventStats(long Delivered, long Failed, long Dropped, long Pending);
