namespace CorsKit.Origins;

/// <summary>One validated, normalised entry of a policy's origin list.</summary>
/// <param name="Value">The normalised spelling, as the browser serialises an origin (patterns keep their <c>*</c>).</param>
/// <param name="Pattern">The pattern to match when the entry has a wildcard; <see langword="null"/> for an exact origin.</param>
/// <param name="IsSecure">Whether the scheme is https (or the entry is the opaque origin <c>null</c>).</param>
/// <param name="IsLoopback">Whether the host is loopback: localhost or a name under it (RFC 6761; a trailing dot aside), 127.0.0.0/8 or [::1].</param>
internal sealed record OriginEntry(string Value, OriginPattern? Pattern, bool IsSecure, bool IsLoopback);
