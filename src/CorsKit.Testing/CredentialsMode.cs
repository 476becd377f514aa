namespace CorsKit.Testing;

/// <summary>The <c>credentials</c> option of <c>fetch()</c>.</summary>
public enum CredentialsMode
{
    /// <summary><c>"same-origin"</c>, the default: cross-origin requests carry no cookies and need no
    /// <c>Access-Control-Allow-Credentials</c>.</summary>
    SameOrigin = 0,

    /// <summary><c>"omit"</c>: never send cookies.</summary>
    Omit = 1,

    /// <summary><c>"include"</c>: send cookies cross-origin; the response must then echo the exact origin and
    /// <c>Access-Control-Allow-Credentials: true</c>.</summary>
    Include = 2,
}
