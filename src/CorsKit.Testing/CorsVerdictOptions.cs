namespace CorsKit.Testing;

/// <summary>How the verdict engine behaves.</summary>
public sealed class CorsVerdictOptions
{
    /// <summary>The browser to model. Default <see cref="BrowserEngine.Chromium"/>.</summary>
    public BrowserEngine Browser { get; init; } = BrowserEngine.Chromium;

    /// <summary>The clock of the preflight cache. Default <see cref="TimeProvider.System"/>; inject a fake clock to
    /// ask about a request made after max-age has passed.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The largest response body the engine reads into <see cref="CorsVerdict.Body"/>. Default 1 MiB.</summary>
    public int MaxBodyLength { get; init; } = 1024 * 1024;
}
