namespace CorsKit.Tests.Diagnostics.Guide;

/// <summary>
/// One entry of docs/troubleshooting.md: what each browser's console prints, how CorsKit shows the same situation on
/// the server, and the fix. The guide, its tests and the browser suite all read these facts from
/// <see cref="RefusalCatalog"/>.
/// </summary>
public sealed record RefusalKind
{
    /// <summary>The guide's heading for the entry (a search for it lands on the entry).</summary>
    public required string Heading { get; init; }

    /// <summary>What Chromium prints, verbatim (templates).</summary>
    public required IReadOnlyList<ConsoleTemplate> Chromium { get; init; }

    /// <summary>What Firefox prints, verbatim (templates: Firefox quotes the URL).</summary>
    public required IReadOnlyList<ConsoleTemplate> Firefox { get; init; }

    /// <summary>How the guide states CorsKit's side, e.g. "`PreflightMethodRefused` (3)".</summary>
    public required string Event { get; init; }

    /// <summary>The names of the log events the entry points to (empty when CorsKit logs nothing at run time).</summary>
    public required IReadOnlyList<string> EventNames { get; init; }

    /// <summary>The fix, as the guide's entry states it.</summary>
    public required string Fix { get; init; }

    /// <summary>Every template of both engines.</summary>
    public IEnumerable<ConsoleTemplate> AllTemplates => Chromium.Concat(Firefox);
}
