namespace CorsKit.Tool;

/// <summary>The tool's exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>probe: the browser would allow the request; check: the configuration is valid.</summary>
    public const int Success = 0;

    /// <summary>probe: the browser would block the request; check: the configuration has problems.</summary>
    public const int Refused = 1;

    /// <summary>Usage errors (bad arguments, missing file) and network errors (unreachable host, TLS, timeout).</summary>
    public const int UsageOrNetworkError = 2;
}
