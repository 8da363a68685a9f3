using System.Net;

namespace SyncGrid.Register;

/// <summary>
/// The last handler before the network: once lookups are stopped, a request that was already queued at the pacer
/// never leaves the process; it gets a local 403 that the client reports as Refused.
/// </summary>
internal sealed class RegisterStopGate(RegisterHealth health) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        health.IsStopped
            ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden) { RequestMessage = request, ReasonPhrase = "Lookups stopped locally" })
            : base.SendAsync(request, cancellationToken);
}
