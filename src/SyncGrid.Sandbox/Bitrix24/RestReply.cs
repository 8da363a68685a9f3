using System.Text.Json.Nodes;

namespace SyncGrid.Sandbox.Bitrix24;

/// <summary>What goes back on the wire: a JSON body, an HTML proxy page, or nothing (connection dropped).</summary>
internal sealed record RestReply(int Status, JsonNode? Json, string? Html = null, bool Drop = false, TimeSpan HoldFor = default)
{
    public static RestReply Error(int status, string code, string description) =>
        new(status, new JsonObject { ["error"] = code, ["error_description"] = description });

    public static RestReply HtmlPage(int status) => new(status, null, status switch
    {
        502 => "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
        _ => "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
    });
}
