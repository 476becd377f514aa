using System.Text;
using CorsKit.Testing.Fetch;
using CorsKit.Testing.Messages;

namespace CorsKit.Testing;

/// <summary>
/// Runs what a browser's <c>fetch()</c> in <c>cors</c> mode does (WHATWG Fetch, as Chromium implements it) against
/// any HTTP server: decides whether a preflight is needed, sends it, checks it, sends the actual request when
/// allowed, checks its response, and explains a refusal. One engine is one browser profile: it keeps a
/// <see cref="PreflightCache"/> across calls.
/// </summary>
/// <remarks>
/// Use an <see cref="HttpMessageInvoker"/> that does not follow redirects (<c>AllowAutoRedirect = false</c>), so
/// the engine sees and judges every redirect as the browser does; with one that follows them, a redirected
/// preflight is still refused but a redirected request's intermediate responses cannot be checked (the verdict
/// says so in <see cref="CorsVerdict.StandardNotes"/>). Cookies are whatever the invoker sends: the engine adds none.
/// </remarks>
public sealed class CorsVerdictEngine
{
    private const int MaxRedirects = 20;

    private readonly HttpMessageInvoker _invoker;
    private readonly CorsVerdictOptions _options;

    /// <summary>Creates an engine that sends its requests through <paramref name="invoker"/>.</summary>
    /// <param name="invoker">An <see cref="HttpClient"/> (e.g. from <c>WebApplicationFactory</c>) or any invoker.</param>
    /// <param name="options">The browser to model and the clock; null for Chromium and the system clock.</param>
    public CorsVerdictEngine(HttpMessageInvoker invoker, CorsVerdictOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
        _options = options ?? new CorsVerdictOptions();
        Cache = new PreflightCache(_options.Browser, _options.TimeProvider);
    }

    /// <summary>The browser modelled.</summary>
    public BrowserEngine Browser => _options.Browser;

    /// <summary>The preflight cache shared by every call on this engine.</summary>
    public PreflightCache Cache { get; }

    /// <summary>Runs one <c>fetch()</c> and returns the browser's verdict.</summary>
    /// <param name="request">What script asks for.</param>
    /// <param name="cancellationToken">Cancels the exchanges (e.g. a timeout).</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentException">Something script cannot do: a forbidden method or header, an origin no
    /// browser sends, a relative or non-http(s) URL.</exception>
    public async Task<CorsVerdict> FetchAsync(CorsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = Validate(request);
        var run = new Run(request, _options.Browser, method);
        for (var redirects = 0; ; redirects++)
        {
            var crossOrigin = !string.Equals(run.Origin, OriginText.Of(run.Url), StringComparison.Ordinal);
            if (crossOrigin && NeedsPreflight(run))
            {
                run.Verdict.PreflightRequired = true;
                if (Cache.CanSkipPreflight(run.Origin, run.Url, run.WithCredentials, run.Method, run.UnsafeHeaders))
                {
                    run.Verdict.PreflightFromCache = true;
                }
                else if (!await SendPreflightAsync(run, cancellationToken).ConfigureAwait(false))
                {
                    return run.Finish();
                }
            }

            var response = await SendAsync(run, ExchangeKind.Actual, crossOrigin, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return run.Finish();
            }

            using (response)
            {
                var exchange = run.Exchanges[^1];
                if (crossOrigin && !CheckAccess(run, exchange, atPreflight: false))
                {
                    return run.Finish();
                }

                if (IsRedirect(response, out var location))
                {
                    if (!Redirect(run, exchange, location!, redirects))
                    {
                        return run.Finish();
                    }

                    continue;
                }

                await run.AllowAsync(response, exchange, crossOrigin, _options.MaxBodyLength, cancellationToken).ConfigureAwait(false);
                return run.Finish();
            }
        }
    }

    /// <summary>
    /// Sends only the preflight <paramref name="request"/> would get (even when the browser would not need one, e.g.
    /// a GET without headers) and judges it with the browser's preflight checks. The actual request is never sent,
    /// so no endpoint runs: this is what the whole-app check uses.
    /// </summary>
    /// <param name="request">The request whose preflight to send.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The verdict on the preflight alone; <see cref="CorsVerdict.Status"/> is the preflight's status when it passed.</returns>
    /// <exception cref="ArgumentException">Something script cannot do (see <see cref="FetchAsync"/>).</exception>
    public async Task<CorsVerdict> PreflightAsync(CorsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new Run(request, _options.Browser, Validate(request));
        run.Verdict.PreflightRequired = NeedsPreflight(run);
        if (await SendPreflightAsync(run, cancellationToken).ConfigureAwait(false))
        {
            run.Verdict.Status = run.Exchanges[^1].StatusCode;
        }

        return run.Finish();
    }

    private static string Validate(CorsRequest request)
    {
        if (!request.Url.IsAbsoluteUri || (request.Url.Scheme != Uri.UriSchemeHttp && request.Url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The URL must be an absolute http or https URL, not '{request.Url}'.", nameof(request));
        }

        if (!OriginText.IsSerializedOrigin(request.Origin))
        {
            throw new ArgumentException(
                $"'{request.Origin}' is not an origin a browser sends: use scheme://host[:port] exactly as serialized (lower-case, no path, no trailing slash, no default port), or \"null\".",
                nameof(request));
        }

        if (!FetchRules.IsToken(request.Method))
        {
            throw new ArgumentException($"'{request.Method}' is not a valid method name: fetch() throws a TypeError.", nameof(request));
        }

        if (FetchRules.IsForbiddenMethod(request.Method))
        {
            throw new ArgumentException($"fetch() refuses the method {request.Method} (a forbidden method): it throws before sending anything.", nameof(request));
        }

        foreach (var (name, _) in request.Headers)
        {
            if (!FetchRules.IsToken(name))
            {
                throw new ArgumentException($"'{name}' is not a valid header name: fetch() throws a TypeError.", nameof(request));
            }

            if (FetchRules.IsForbiddenRequestHeader(name))
            {
                throw new ArgumentException($"Script cannot set the header '{name}' (a forbidden request header): browsers drop or refuse it, so a test that sends it tests nothing a browser does.", nameof(request));
            }
        }

        return FetchRules.NormalizeMethod(request.Method);
    }

    private static bool NeedsPreflight(Run run) => !FetchRules.IsSafelistedMethod(run.Method) || run.UnsafeHeaders.Count > 0;

    private async Task<bool> SendPreflightAsync(Run run, CancellationToken cancellationToken)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Accept", "*/*"),
            new("Origin", run.Origin),
            new("Access-Control-Request-Method", run.Method),
        };
        if (run.UnsafeHeaders.Count > 0)
        {
            headers.Add(new("Access-Control-Request-Headers", string.Join(',', run.UnsafeHeaders.Order(StringComparer.Ordinal))));
        }

        AddFetchMetadata(headers, run.Origin, run.Url);
        using var message = new HttpRequestMessage(HttpMethod.Options, run.Url);
        foreach (var (name, value) in headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await TrySendAsync(run, message, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return false;
        }

        var exchange = Record(run, ExchangeKind.Preflight, HttpMethod.Options.Method, headers, response);
        var redirected = IsRedirect(response, out _) || WasFollowed(response, run.Url);
        if (Browser == BrowserEngine.Firefox && redirected && !CheckAccess(run, exchange, atPreflight: true))
        {
            // Firefox runs the origin check on a redirected preflight before refusing the redirect itself.
            return false;
        }

        if (redirected)
        {
            run.Fail(CorsFailure.PreflightDisallowedRedirect, string.Empty, atPreflight: true, exchange);
            return false;
        }

        if (!CheckAccess(run, exchange, atPreflight: true))
        {
            return false;
        }

        if (exchange.StatusCode is < 200 or > 299)
        {
            run.Fail(CorsFailure.PreflightInvalidStatus, string.Empty, atPreflight: true, exchange);
            return false;
        }

        var answer = PreflightAnswer.Parse(exchange.ResponseHeader("Access-Control-Allow-Methods"), exchange.ResponseHeader("Access-Control-Allow-Headers"),
            exchange.ResponseHeader("Access-Control-Max-Age"), run.WithCredentials, Cache.MaxAgeCap, out var parseFailure);
        if (answer is null)
        {
            run.Fail(parseFailure, string.Empty, atPreflight: true, exchange);
            return false;
        }

        if (!answer.AllowsMethod(run.Method))
        {
            run.Fail(CorsFailure.MethodDisallowedByPreflightResponse, run.Method, atPreflight: true, exchange);
            return false;
        }

        if (answer.FirstRefusedHeader(run.UnsafeHeaders) is { } refused)
        {
            run.Fail(CorsFailure.HeaderDisallowedByPreflightResponse, refused, atPreflight: true, exchange);
            return false;
        }

        if (answer.AuthorizationCoveredByWildcard(run.UnsafeHeaders))
        {
            run.Notes.Add("Access-Control-Allow-Headers: * covers Authorization in " + run.Verdict.Browser
                + ", but the Fetch standard says '*' never covers Authorization: a standard-conforming browser refuses this request. Name 'authorization' in Access-Control-Allow-Headers.");
        }

        Cache.Store(run.Origin, run.Url, answer);
        return true;
    }

    private async Task<HttpResponseMessage?> SendAsync(Run run, ExchangeKind kind, bool crossOrigin, CancellationToken cancellationToken)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (!run.Headers.Any(h => h.Key.Equals("Accept", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Accept", "*/*"));
        }

        headers.AddRange(run.Headers);

        // fetch() gives a string body the Content-Type text/plain;charset=UTF-8 unless script set one (safelisted).
        if (run.Body is not null && !run.Headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Content-Type", "text/plain;charset=UTF-8"));
        }

        // Fetch sends Origin on every CORS request, and on same-origin requests whose method is not GET or HEAD.
        if (crossOrigin || run.Method is not ("GET" or "HEAD"))
        {
            headers.Add(new("Origin", run.Origin));
        }

        AddFetchMetadata(headers, run.Origin, run.Url);
        using var message = new HttpRequestMessage(new HttpMethod(run.Method), run.Url);
        var contentHeaders = new List<KeyValuePair<string, string>>();
        foreach (var header in headers)
        {
            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                contentHeaders.Add(header);
            }
        }

        if (run.Body is not null || contentHeaders.Count > 0)
        {
            message.Content = new ByteArrayContent(run.Body is null ? [] : Encoding.UTF8.GetBytes(run.Body));
            foreach (var (name, value) in contentHeaders)
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var response = await TrySendAsync(run, message, cancellationToken).ConfigureAwait(false);
        if (response is not null)
        {
            Record(run, kind, run.Method, headers, response);
            if (WasFollowed(response, run.Url))
            {
                run.Notes.Add($"The HttpClient followed a redirect itself (to {response.RequestMessage!.RequestUri}); the engine could not check the redirect response. Use a client with AllowAutoRedirect = false.");
                run.Url = response.RequestMessage!.RequestUri!;
            }
        }

        return response;
    }

    private async Task<HttpResponseMessage?> TrySendAsync(Run run, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await _invoker.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            var reason = exception.HttpRequestError == HttpRequestError.Unknown ? exception.Message : $"{exception.HttpRequestError}: {exception.Message}";
            if (exception.InnerException is { } inner && !reason.Contains(inner.Message, StringComparison.Ordinal))
            {
                reason += " (" + inner.Message + ")";
            }

            run.Fail(CorsFailure.NetworkError, reason, atPreflight: message.Method == HttpMethod.Options && message.Headers.Contains("Access-Control-Request-Method"), null);
            return null;
        }
    }

    private static bool CheckAccess(Run run, CorsExchange exchange, bool atPreflight)
    {
        var failure = CorsCheck.Check(exchange.ResponseHeader("Access-Control-Allow-Origin"), exchange.ResponseHeader("Access-Control-Allow-Credentials"),
            run.WithCredentials, run.Origin, out var hint);
        if (failure == CorsFailure.None)
        {
            return true;
        }

        run.Fail(failure, hint, atPreflight, exchange);
        return false;
    }

    private static bool Redirect(Run run, CorsExchange exchange, string location, int redirects)
    {
        if (redirects >= MaxRedirects)
        {
            run.Fail(CorsFailure.TooManyRedirects, string.Empty, atPreflight: false, exchange);
            return false;
        }

        if (!Uri.TryCreate(run.Url, location, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            run.Fail(CorsFailure.NetworkError, $"the redirect location '{location}' is not an http(s) URL", atPreflight: false, exchange);
            return false;
        }

        var previousOrigin = OriginText.Of(run.Url);
        if (target.UserInfo.Length > 0)
        {
            run.Fail(CorsFailure.RedirectContainsCredentials, target.AbsoluteUri, atPreflight: false, exchange);
            return false;
        }

        // Fetch "HTTP-redirect fetch": a redirect to another origin, from a URL that was itself cross-origin to the
        // request's origin, taints the origin: from then on the browser sends Origin: null.
        if (!string.Equals(OriginText.Of(target), previousOrigin, StringComparison.Ordinal)
            && !string.Equals(run.Origin, previousOrigin, StringComparison.Ordinal))
        {
            run.Origin = "null";
        }

        // 301/302 turn POST into GET, 303 turns everything but HEAD into GET; the body and its headers go.
        if ((exchange.StatusCode is 301 or 302 && run.Method == "POST") || (exchange.StatusCode == 303 && run.Method != "HEAD"))
        {
            run.Method = "GET";
            run.Body = null;
            run.Headers = [.. run.Headers.Where(h => !IsBodyHeader(h.Key))];
            run.UnsafeHeaders = FetchRules.UnsafeHeaderNames(run.Headers);
        }

        run.Url = target;
        return true;
    }

    private static bool IsBodyHeader(string name) =>
        name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Language", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Location", StringComparison.OrdinalIgnoreCase);

    private static bool IsRedirect(HttpResponseMessage response, out string? location)
    {
        location = response.Headers.Location?.OriginalString;
        return (int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && location is not null;
    }

    private static bool WasFollowed(HttpResponseMessage response, Uri sent) =>
        response.RequestMessage?.RequestUri is { } final && final != sent;

    private static void AddFetchMetadata(List<KeyValuePair<string, string>> headers, string origin, Uri url)
    {
        headers.Add(new("Sec-Fetch-Site", OriginText.FetchSite(origin, url)));
        headers.Add(new("Sec-Fetch-Mode", "cors"));
        headers.Add(new("Sec-Fetch-Dest", "empty"));
    }

    private static CorsExchange Record(Run run, ExchangeKind kind, string method, List<KeyValuePair<string, string>> requestHeaders, HttpResponseMessage response)
    {
        var responseHeaders = new List<KeyValuePair<string, string>>();
        foreach (var header in response.Headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                responseHeaders.Add(new(header.Key, value));
            }
        }

        foreach (var header in response.Content.Headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                responseHeaders.Add(new(header.Key, value));
            }
        }

        var exchange = new CorsExchange(kind, method, run.Url, [.. requestHeaders], (int)response.StatusCode, responseHeaders);
        run.Exchanges.Add(exchange);
        return exchange;
    }

    /// <summary>The state of one fetch while it runs (the URL, method and origin change across redirects).</summary>
    private sealed class Run
    {
        public Run(CorsRequest request, BrowserEngine browser, string method)
        {
            Verdict = new CorsVerdict(request, browser);
            InitialUrl = request.Url;
            Url = request.Url;
            PageOrigin = request.Origin;
            Origin = request.Origin;
            Method = method;
            Headers = request.Headers;
            Body = request.Body;
            WithCredentials = request.Credentials == CredentialsMode.Include;
            UnsafeHeaders = FetchRules.UnsafeHeaderNames(request.Headers);
        }

        public CorsVerdict Verdict { get; }

        public Uri InitialUrl { get; }

        public Uri Url { get; set; }

        public string PageOrigin { get; }

        public string Origin { get; set; }

        public string Method { get; set; }

        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; set; }

        public string? Body { get; set; }

        public bool WithCredentials { get; }

        public IReadOnlyList<string> UnsafeHeaders { get; set; }

        public List<CorsExchange> Exchanges { get; } = [];

        public List<string> Notes { get; } = [];

        public void Fail(CorsFailure failure, string hint, bool atPreflight, CorsExchange? exchange)
        {
            Verdict.Failure = failure;
            Verdict.FailedAtPreflight = atPreflight;
            Verdict.ConsoleMessage = Verdict.Browser == BrowserEngine.Firefox
                ? FirefoxMessages.Format(failure, hint, exchange?.StatusCode ?? 0, Url)
                : ChromiumMessages.Format(failure, hint, atPreflight, Url, InitialUrl, PageOrigin);
            (Verdict.Cause, Verdict.Fix) = Diagnosis.Explain(failure, hint, atPreflight, exchange, Verdict.Request);
        }

        public async Task AllowAsync(HttpResponseMessage response, CorsExchange exchange, bool crossOrigin, int maxBodyLength, CancellationToken cancellationToken)
        {
            Verdict.Status = exchange.StatusCode;
            Verdict.ReadableHeaders = ReadableHeaders(exchange, crossOrigin);
            Verdict.Body = await ReadBodyAsync(response, maxBodyLength, cancellationToken).ConfigureAwait(false);
        }

        public CorsVerdict Finish()
        {
            Verdict.Exchanges = [.. Exchanges];
            Verdict.StandardNotes = [.. Notes];
            return Verdict;
        }

        private Dictionary<string, string> ReadableHeaders(CorsExchange exchange, bool crossOrigin)
        {
            var exposed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in (exchange.ResponseHeader("Access-Control-Expose-Headers") ?? string.Empty).Split(','))
            {
                var name = item.Trim(' ', '\t');
                if (FetchRules.IsToken(name))
                {
                    exposed.Add(name);
                }
            }

            // '*' exposes everything only without credentials; with credentials it names a header called '*'.
            var all = !crossOrigin || (!WithCredentials && exposed.Contains("*"));
            var readable = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, _) in exchange.ResponseHeaders)
            {
                var lower = name.ToLowerInvariant();
                if (readable.ContainsKey(lower) || FetchRules.IsForbiddenResponseHeader(name))
                {
                    continue;
                }

                if (all || FetchRules.IsSafelistedResponseHeader(name) || exposed.Contains(name))
                {
                    readable[lower] = exchange.ResponseHeader(name)!;
                }
            }

            return readable;
        }

        private static async Task<string> ReadBodyAsync(HttpResponseMessage response, int maxLength, CancellationToken cancellationToken)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var buffer = new char[Math.Min(maxLength, 81920)];
                var text = new StringBuilder();
                int read;
                while (text.Length < maxLength && (read = await reader.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, maxLength - text.Length)), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    text.Append(buffer, 0, read);
                }

                return text.ToString();
            }
        }
    }
}
