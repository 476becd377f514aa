using CorsKit.Testing;

namespace CorsKit.Tool.Probe;

/// <summary>One probe: validates the arguments, runs the verdict engine with a timeout, prints and picks the exit code.</summary>
internal sealed class ProbeRun(TextWriter output, TextWriter error)
{
    public required string Url { get; init; }

    public required string Origin { get; init; }

    public required string Method { get; init; }

    public required IReadOnlyList<string> Headers { get; init; }

    public bool Credentials { get; init; }

    public bool Json { get; init; }

    public TimeSpan Timeout { get; init; }

    public BrowserEngine Browser { get; init; }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return await UsageAsync($"'{Url}' is not an absolute http or https URL.").ConfigureAwait(false);
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in Headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            var name = (colon < 0 ? header : header[..colon]).Trim();
            var value = colon < 0 ? string.Empty : header[(colon + 1)..].Trim();
            headers.Add(new(name, value));
        }

        var request = new CorsRequest(url, Origin)
        {
            Method = Method,
            Headers = headers,
            Credentials = Credentials ? CredentialsMode.Include : CredentialsMode.SameOrigin,
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var handler = new ProgressHandler(error, quiet: false);
        using var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var engine = new CorsVerdictEngine(client, new CorsVerdictOptions { Browser = Browser });
        CorsVerdict verdict;
        try
        {
            verdict = await engine.FetchAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            return await UsageAsync(exception.Message.Replace(" (Parameter 'request')", string.Empty, StringComparison.Ordinal)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await NetworkErrorAsync($"no answer from {url.Authority} within {Timeout.TotalSeconds:0} s (timed out; raise it with --timeout).").ConfigureAwait(false);
        }

        if (verdict.Failure == CorsFailure.NetworkError)
        {
            return await NetworkErrorAsync($"cannot reach {url.Authority}: {verdict.Cause}", verdict).ConfigureAwait(false);
        }

        if (Json)
        {
            await output.WriteLineAsync(VerdictJson.Write(verdict, error: null)).ConfigureAwait(false);
        }
        else
        {
            await output.WriteAsync(verdict.ToString()).ConfigureAwait(false);
        }

        return verdict.Allowed ? ExitCodes.Success : ExitCodes.Refused;
    }

    private async Task<int> UsageAsync(string message)
    {
        await error.WriteLineAsync("corskit probe: " + message).ConfigureAwait(false);
        return ExitCodes.UsageOrNetworkError;
    }

    private async Task<int> NetworkErrorAsync(string message, CorsVerdict? verdict = null)
    {
        await error.WriteLineAsync("corskit probe: " + message).ConfigureAwait(false);
        if (Json)
        {
            await output.WriteLineAsync(VerdictJson.Write(verdict, message)).ConfigureAwait(false);
        }

        return ExitCodes.UsageOrNetworkError;
    }
}
