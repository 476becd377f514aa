namespace CorsKit;

/// <summary>What is wrong with a setting, in a <see cref="CorsKitConfigurationError"/>.</summary>
public enum CorsKitProblem
{
    /// <summary>A required value is missing (a policy that allows no origin).</summary>
    Missing = 0,

    /// <summary>The value is not well-formed: not an origin, not a token, not a boolean, number or duration.</summary>
    Malformed = 1,

    /// <summary>The value is one browsers never let script use (a forbidden method or header, exposing <c>Set-Cookie</c>).</summary>
    Forbidden = 2,

    /// <summary>The combination would grant more than the CORS protocol allows safely: credentials with <c>*</c>, with
    /// plain-http origins or with <c>null</c>.</summary>
    UnsafeWithCredentials = 3,

    /// <summary>The number is outside what the setting accepts (a negative max-age, a status that is not 2xx).</summary>
    OutOfRange = 4,

    /// <summary>A configuration key that CorsKit does not know (often a misspelling).</summary>
    UnknownKey = 5,
}
