namespace CorsKit.TestKit;

/// <summary>How a <see cref="TestHost"/> receives requests.</summary>
public enum TestTransport
{
    /// <summary>ASP.NET Core's in-memory test server: the full pipeline, no sockets.</summary>
    InMemory,

    /// <summary>A real Kestrel server on an ephemeral loopback port (<c>http://127.0.0.1:0</c>), for raw sockets and
    /// browsers.</summary>
    Kestrel,
}
