using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CorsKit.Benchmarks.Infrastructure;

/// <summary>Which <see cref="IHeaderDictionary"/> implementation carries the request and response headers.</summary>
public enum HeaderStore
{
    /// <summary>
    /// Kestrel's own request and response header collections (internal types, created by reflection): known headers
    /// such as Origin, Vary and every Access-Control-* header live in fields, as they do in production.
    /// </summary>
    Kestrel,

    /// <summary><see cref="HeaderDictionary"/>: a case-insensitive dictionary, as in TestServer and unit tests.</summary>
    Dictionary,
}

/// <summary>Creates the header collections of a <see cref="HeaderStore"/>.</summary>
public static class HeaderStores
{
    private const string KestrelHttpNamespace = "Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.";
    private static readonly Assembly KestrelCore = typeof(KestrelServerOptions).Assembly;

    public static IHeaderDictionary CreateRequestHeaders(HeaderStore store) => store == HeaderStore.Kestrel
        ? CreateKestrel("HttpRequestHeaders", true, null)
        : new HeaderDictionary();

    public static IHeaderDictionary CreateResponseHeaders(HeaderStore store) => store == HeaderStore.Kestrel
        ? CreateKestrel("HttpResponseHeaders", [null])
        : new HeaderDictionary();

    private static IHeaderDictionary CreateKestrel(string typeName, params object?[] arguments)
    {
        var type = KestrelCore.GetType(KestrelHttpNamespace + typeName, throwOnError: true)!;
        return (IHeaderDictionary)Activator.CreateInstance(type, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, arguments, null)!;
    }
}
