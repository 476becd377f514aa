namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>A frame of a session's page (the main frame or an iframe), as its engine identifies it.</summary>
public sealed class BrowserFrame
{
    internal BrowserFrame(object handle, string description)
    {
        Handle = handle;
        Description = description;
    }

    /// <summary>The engine's own handle: a Playwright frame, or a WebDriver BiDi browsing context id.</summary>
    internal object Handle { get; }

    /// <summary>What the frame is, for messages.</summary>
    public string Description { get; }

    public override string ToString() => Description;
}
