using System.Diagnostics;

namespace CorsKit.Tool.Probe;

/// <summary>Reports each request on stderr as it goes, and a line per second while a slow server keeps us waiting.</summary>
internal sealed class ProgressHandler(TextWriter progress, bool quiet) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var label = request.Headers.Contains("Access-Control-Request-Method") ? "preflight" : "request";
        Write($"-> {label} {request.Method} {request.RequestUri}");
        var watch = Stopwatch.StartNew();
        var sending = base.SendAsync(request, cancellationToken);
        while (await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken)).ConfigureAwait(false) != sending)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Write($"   waiting for {request.RequestUri!.Authority} ({watch.Elapsed.TotalSeconds:0} s)...");
        }

        var response = await sending.ConfigureAwait(false);
        Write($"<- {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms");
        return response;
    }

    private void Write(string line)
    {
        if (!quiet)
        {
            progress.WriteLine(line);
        }
    }
}
