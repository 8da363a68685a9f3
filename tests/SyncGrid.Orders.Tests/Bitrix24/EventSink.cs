using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SyncGrid.Orders.Tests.Bitrix24;

/// <summary>An HTTP endpoint on loopback that records the form posts it receives (an outgoing-webhook handler).</summary>
internal sealed class EventSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public EventSink()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/events/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Received { get; } = new();

    public async Task<IReadOnlyDictionary<string, string>> WaitForAsync(Func<IReadOnlyDictionary<string, string>, bool> match, TimeSpan timeout)
    {
        await Eventually.WaitAsync(() => Received.Any(match), timeout, $"a matching event (received {Received.Count})");
        return Received.First(match);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue(body.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : string.Empty, StringComparer.Ordinal));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(2));
    }
}
