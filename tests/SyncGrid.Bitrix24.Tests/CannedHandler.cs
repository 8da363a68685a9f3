using System.Net;
using System.Text;

namespace SyncGrid.Bitrix24.Tests;

/// <summary>Answers every request with one canned response and records what was sent (unit tests of parsing).</summary>
internal sealed class CannedHandler(HttpStatusCode status, string body, string mediaType = "application/json") : HttpMessageHandler
{
    public List<(string Path, string Body, string? ContentType)> Requests { get; } = [];

    public Exception? Throw { get; init; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.RequestUri!.AbsolutePath, sent, request.Content?.Headers.ContentType?.MediaType));
        if (Throw is not null)
        {
            throw Throw;
        }

        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
    }
}
