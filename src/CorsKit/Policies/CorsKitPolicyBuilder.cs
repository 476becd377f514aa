using CorsKit.Origins;
using CorsKit.Protocol;

namespace CorsKit;

/// <summary>
/// Builds a <see cref="CorsKitPolicy"/>. Every setting is validated in <see cref="Build()"/>, which reports all
/// problems together in one <see cref="CorsKitConfigurationException"/>.
/// </summary>
/// <remarks>
/// Unambiguous spellings are normalised rather than rejected: origin schemes and hosts are lower-cased, a scheme's
/// default port is dropped (<c>https://a.com:443</c> is <c>https://a.com</c>), Unicode host names become punycode,
/// the methods browsers upper-case (DELETE, GET, HEAD, OPTIONS, POST, PUT) are upper-cased, and header names are
/// lower-cased. In every list, <c>*</c> means "any", as in Microsoft.AspNetCore.Cors.
/// </remarks>
public sealed class CorsKitPolicyBuilder
{
    private const string Any = "*";

    private readonly List<string> _origins = [];
    private readonly List<string> _methods = [];
    private readonly List<string> _headers = [];
    private readonly List<string> _exposedHeaders = [];
    private Func<string, bool>? _originPredicate;
    private bool _usesOriginSource;
    private CorsKitTenantSelector? _originSourceTenant;
    private bool _supportsCredentials;
    private bool _allowsInsecureOriginsWithCredentials;
    private TimeSpan? _preflightMaxAge;
    private int _preflightSuccessStatusCode = 204;

    /// <summary>Allows the given origins (<c>https://app.example.com</c>) and origin patterns
    /// (<c>https://*.example.com</c> for subdomains at any depth, <c>http://localhost:*</c> for any port). <c>null</c>
    /// is allowed only when listed; <c>*</c> is the same as <see cref="AllowAnyOrigin"/>.</summary>
    /// <param name="origins">Origins as browsers serialise them: <c>scheme://host[:port]</c>, no path or trailing slash.</param>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder WithOrigins(params string[] origins) => AddAll(_origins, origins);

    /// <summary>Allows every origin. Without credentials the answer is a constant <c>Access-Control-Allow-Origin: *</c>;
    /// this cannot be combined with <see cref="AllowCredentials"/>.</summary>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder AllowAnyOrigin() => AddAll(_origins, [Any]);

    /// <summary>Allows, in addition to <see cref="WithOrigins"/>, every well-formed origin for which
    /// <paramref name="isOriginAllowed"/> returns <see langword="true"/>. The predicate never sees <c>null</c> or
    /// malformed origins and must be fast and thread-safe: it runs on the request path.</summary>
    /// <param name="isOriginAllowed">Receives the <c>Origin</c> header value exactly as sent.</param>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder SetIsOriginAllowed(Func<string, bool> isOriginAllowed)
    {
        ArgumentNullException.ThrowIfNull(isOriginAllowed);
        _originPredicate = isOriginAllowed;
        return this;
    }

    /// <summary>
    /// Allows, in addition to the listed origins and patterns, the origins the app's <see cref="ICorsKitOriginSource"/>
    /// (registered with <c>services.AddCorsKitOriginSource&lt;TSource&gt;()</c>) allows: for example a tenant's origins
    /// stored in a database. The source is asked only after the listed origins, patterns and predicate miss, only about
    /// well-formed http(s) origins a listed entry could allow (never <c>null</c>; with credentials only https or loopback
    /// unless <see cref="DangerouslyAllowInsecureOriginsWithCredentials"/> is called), and its answers are cached and
    /// rate-limited (see <see cref="CorsKitOriginSourceOptions"/>).
    /// </summary>
    /// <param name="tenant">How a request maps to a tenant (host, header, ...); <see langword="null"/> to ask per policy
    /// only. A selector that reads a request header makes CorsKit add that header to <c>Vary</c>.</param>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder AllowOriginsFromSource(CorsKitTenantSelector? tenant = null)
    {
        _usesOriginSource = true;
        _originSourceTenant = tenant;
        return this;
    }

    /// <summary>Allows the given methods. Methods are case-sensitive (<c>PATCH</c> does not allow <c>patch</c>);
    /// GET, HEAD and POST are always allowed by the CORS protocol and need not be listed.</summary>
    /// <param name="methods">Method tokens, e.g. <c>PUT</c>, <c>DELETE</c>, <c>PATCH</c>.</param>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder WithMethods(params string[] methods) => AddAll(_methods, methods);

    /// <summary>Allows any method. With credentials the validated requested method is echoed, never <c>*</c>.</summary>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder AllowAnyMethod() => AddAll(_methods, [Any]);

    /// <summary>Allows the given request headers (compared case-insensitively). <c>Authorization</c> must be named
    /// (or <see cref="AllowAnyHeader"/> used).</summary>
    /// <param name="headers">Header names, e.g. <c>Content-Type</c>, <c>X-Request-Id</c>.</param>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder WithHeaders(params string[] headers) => AddAll(_headers, headers);

    /// <summary>Allows any request header. Preflights are answered with the validated requested names (never a bare
    /// <c>*</c>, which browsers ignore with credentials and never apply to <c>Authorization</c>).</summary>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder AllowAnyHeader() => AddAll(_headers, [Any]);

    /// <summary>Lets script read these response headers beyond the CORS-safelisted ones (<c>Cache-Control</c>,
    /// <c>Content-Language</c>, <c>Content-Length</c>, <c>Content-Type</c>, <c>Expires</c>, <c>Last-Modified</c>,
    /// <c>Pragma</c>). <c>*</c> exposes all, only without credentials; <c>Set-Cookie</c> is never exposable.</summary>
    /// <param name="headers">Response header names.</param>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder WithExposedHeaders(params string[] headers) => AddAll(_exposedHeaders, headers);

    /// <summary>Allows credentialed requests (<c>fetch(url, { credentials: "include" })</c>): the response then echoes
    /// the exact origin and carries <c>Access-Control-Allow-Credentials: true</c>. Origins must be https (or loopback)
    /// unless <see cref="DangerouslyAllowInsecureOriginsWithCredentials"/> is called.</summary>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder AllowCredentials()
    {
        _supportsCredentials = true;
        return this;
    }

    /// <summary>Opts in to credentials for plain-http origins that are not loopback, and for <c>null</c>. Anyone on the
    /// network path of a plain-http origin can run script in it, and any site can produce a <c>null</c> origin (sandboxed
    /// iframes, <c>file:</c> and <c>data:</c> pages); either could then read your users' authenticated responses.</summary>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder DangerouslyAllowInsecureOriginsWithCredentials()
    {
        _allowsInsecureOriginsWithCredentials = true;
        return this;
    }

    /// <summary>Lets browsers cache a preflight answer for <paramref name="maxAge"/> (sent in whole seconds).
    /// <see cref="TimeSpan.Zero"/> disables caching; without this call browsers cache for 5 seconds. Chromium caps the
    /// value at 2 hours, Firefox at 24 hours.</summary>
    /// <param name="maxAge">A non-negative duration.</param>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder SetPreflightMaxAge(TimeSpan maxAge)
    {
        _preflightMaxAge = maxAge;
        return this;
    }

    /// <summary>Sets the status of answered preflights (default 204 No Content). Browsers require 200-299.</summary>
    /// <param name="statusCode">A status code from 200 to 299.</param>
    /// <returns>This builder.</returns>
    public CorsKitPolicyBuilder SetPreflightSuccessStatusCode(int statusCode)
    {
        _preflightSuccessStatusCode = statusCode;
        return this;
    }

    /// <summary>Validates the settings and builds the immutable policy.</summary>
    /// <returns>The policy.</returns>
    /// <exception cref="CorsKitConfigurationException">The settings are invalid; every problem is listed.</exception>
    public CorsKitPolicy Build() => Build(policyName: null);

    internal CorsKitPolicy Build(string? policyName)
    {
        var errors = new List<CorsKitConfigurationError>();
        var allowsAnyOrigin = _origins.Contains(Any);
        var origins = ValidateOrigins(allowsAnyOrigin, errors);
        var methods = ValidateMethods(errors, out var allowsAnyMethod);
        var headers = ValidateHeaders(errors, out var allowsAnyHeader);
        var exposedHeaders = ValidateExposedHeaders(errors, out var exposesAll);

        if (_preflightMaxAge < TimeSpan.Zero)
        {
            errors.Add(new(CorsKitSetting.PreflightMaxAge, CorsKitProblem.OutOfRange, null, _preflightMaxAge.ToString(), "is negative; use TimeSpan.Zero to disable preflight caching"));
        }

        if (_preflightSuccessStatusCode is < 200 or > 299)
        {
            errors.Add(new(CorsKitSetting.PreflightSuccessStatusCode, CorsKitProblem.OutOfRange, null, _preflightSuccessStatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "is not a 2xx status; browsers fail any preflight whose status is not 200-299"));
        }

        if (errors.Count > 0)
        {
            throw new CorsKitConfigurationException([.. errors.Select(e => e.WithPolicy(policyName))]);
        }

        return new CorsKitPolicy(
            new OriginMatcher(allowsAnyOrigin, origins, _originPredicate),
            origins.Select(o => o.Value).ToArray(),
            _originPredicate is not null,
            methods,
            allowsAnyMethod,
            headers,
            allowsAnyHeader,
            exposedHeaders,
            exposesAll,
            _supportsCredentials,
            _preflightMaxAge,
            _preflightSuccessStatusCode)
        {
            UsesOriginSource = _usesOriginSource,
            OriginSourceTenant = _originSourceTenant,
            AllowsInsecureOriginsWithCredentials = _allowsInsecureOriginsWithCredentials,
        };
    }

    private List<OriginEntry> ValidateOrigins(bool allowsAnyOrigin, List<CorsKitConfigurationError> errors)
    {
        const CorsKitSetting Setting = CorsKitSetting.Origins;
        var entries = new List<OriginEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (allowsAnyOrigin && _supportsCredentials)
        {
            errors.Add(new(CorsKitSetting.Credentials, CorsKitProblem.UnsafeWithCredentials, null, null, OriginCredentialMessages.AnyOriginWithCredentials));
        }

        if (allowsAnyOrigin && _usesOriginSource)
        {
            errors.Add(new(Setting, CorsKitProblem.Malformed, null, Any, "allows every origin, so an origin source would never be asked; remove AllowOriginsFromSource() or AllowAnyOrigin()"));
        }

        if (_origins.Count == 0 && _originPredicate is null && !_usesOriginSource)
        {
            errors.Add(new(Setting, CorsKitProblem.Missing, null, null, "no origin is allowed; call WithOrigins(), AllowAnyOrigin(), SetIsOriginAllowed() or AllowOriginsFromSource()"));
        }

        for (var i = 0; i < _origins.Count; i++)
        {
            var raw = _origins[i];
            if (raw == Any)
            {
                continue;
            }

            if (!OriginEntryParser.TryParse(raw, out var entry, out var error))
            {
                errors.Add(new(Setting, CorsKitProblem.Malformed, i, raw, error!));
                continue;
            }

            if (_supportsCredentials && !entry!.IsSecure && !entry.IsLoopback && !_allowsInsecureOriginsWithCredentials)
            {
                errors.Add(new(Setting, CorsKitProblem.UnsafeWithCredentials, i, raw, entry.Value == OriginEntryParser.NullOrigin
                    ? OriginCredentialMessages.NullOriginWithCredentials
                    : OriginCredentialMessages.PlainHttpOriginWithCredentials));
                continue;
            }

            if (seen.Add(entry!.Value))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private string[] ValidateMethods(List<CorsKitConfigurationError> errors, out bool allowsAny) =>
        ValidateTokens(_methods, CorsKitSetting.Methods, errors, out allowsAny,
            "is not a valid method token (letters, digits and !#$%&'*+-.^_`|~ only)",
            FetchMethods.IsForbidden,
            "is a forbidden method: browsers never let script send CONNECT, TRACE or TRACK; remove it",
            method => FetchMethods.NormalizedSpelling(method) ?? method);

    private string[] ValidateHeaders(List<CorsKitConfigurationError> errors, out bool allowsAny) =>
        ValidateTokens(_headers, CorsKitSetting.Headers, errors, out allowsAny,
            "is not a valid header name",
            FetchHeaders.IsForbiddenRequestHeader,
            "is a forbidden request header: browsers set it themselves and never let script send it, so allowing it has no effect; remove it",
            header => header.ToLowerInvariant());

    /// <summary>Validates a list of method or header tokens: <c>*</c> means any, every other item must be a token that
    /// script is allowed to send; items are normalised and duplicates dropped.</summary>
    private static string[] ValidateTokens(
        List<string> values,
        CorsKitSetting setting,
        List<CorsKitConfigurationError> errors,
        out bool allowsAny,
        string invalidMessage,
        Func<string, bool> isForbidden,
        string forbiddenMessage,
        Func<string, string> normalise)
    {
        allowsAny = values.Contains(Any);
        var result = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (value == Any)
            {
                continue;
            }

            if (!HttpToken.IsToken(value))
            {
                errors.Add(new(setting, CorsKitProblem.Malformed, i, value, invalidMessage));
            }
            else if (isForbidden(value))
            {
                errors.Add(new(setting, CorsKitProblem.Forbidden, i, value, forbiddenMessage));
            }
            else if (normalise(value) is var normalised && !result.Contains(normalised, StringComparer.Ordinal))
            {
                result.Add(normalised);
            }
        }

        return [.. result];
    }

    private string[] ValidateExposedHeaders(List<CorsKitConfigurationError> errors, out bool exposesAll)
    {
        exposesAll = false;
        var result = new List<string>();
        for (var i = 0; i < _exposedHeaders.Count; i++)
        {
            var header = _exposedHeaders[i];
            if (header == Any)
            {
                if (_supportsCredentials)
                {
                    errors.Add(new(CorsKitSetting.ExposedHeaders, CorsKitProblem.UnsafeWithCredentials, i, header,
                        "cannot be used with credentials: browsers read '*' literally then. Name the headers to expose"));
                }

                exposesAll = true;
            }
            else if (!HttpToken.IsToken(header))
            {
                errors.Add(new(CorsKitSetting.ExposedHeaders, CorsKitProblem.Malformed, i, header, "is not a valid header name"));
            }
            else if (FetchHeaders.IsForbiddenResponseHeader(header))
            {
                errors.Add(new(CorsKitSetting.ExposedHeaders, CorsKitProblem.Forbidden, i, header, "can never be exposed: browsers hide Set-Cookie from script whatever the server says; remove it"));
            }
            else if (!result.Contains(header, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(header);
            }
        }

        return [.. result];
    }

    private CorsKitPolicyBuilder AddAll(List<string> target, string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        target.AddRange(values);
        return this;
    }
}
