using CorsKit.Evaluation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Response;

/// <summary>
/// Applies a <see cref="CorsDecision"/> to a response: status and CORS headers, with <c>Vary</c> merged into what the
/// application set. It knows which headers it wrote itself by marking the request, never by comparing values: an
/// application that echoes the request's origin writes exactly what CorsKit would.
/// </summary>
internal static class CorsResponseWriter
{
    private static readonly StringValues True = "true";

    // Set when CorsKit wrote Access-Control-Allow-Origin on a response. Only re-executed error requests (exception
    // handler, status-code pages) register a second callback that can find the header already there, so only they pay
    // for the Items dictionary: the normal path stays allocation-free.
    private static readonly object WrittenByCorsKit = new();

    /// <summary>Answers a request the endpoint will not see (a preflight, a blocked write): status and headers, now.</summary>
    /// <param name="response">The response.</param>
    /// <param name="decision">The decision.</param>
    public static void Answer(HttpResponse response, in CorsDecision decision)
    {
        response.StatusCode = decision.StatusCode;
        if (decision.StatusCode != StatusCodes.Status204NoContent)
        {
            response.ContentLength = 0;
        }

        Write(response.Headers, decision);
    }

    /// <summary>
    /// Writes the headers of a response the endpoint produced, when it starts. Returns
    /// <see cref="WriteResult.ForeignAllowOrigin"/> (and writes only <c>Vary: Origin</c>) when something else — the
    /// application, another CORS middleware — already set <c>Access-Control-Allow-Origin</c>: two values fail in every
    /// browser, and the response still depends on the origin.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="markAsOurs">Whether to mark the headers as CorsKit's (a re-executed request's callback, which runs
    /// before the original request's).</param>
    /// <returns>What was written.</returns>
    public static WriteResult WriteOnStarting(HttpContext context, in CorsDecision decision, bool markAsOurs)
    {
        var headers = context.Response.Headers;

        // A response that grants nothing and reports nothing (not CORS, same-origin) only gets Vary: Origin, whoever set
        // Access-Control-Allow-Origin: skip the lookup on the most common response of all.
        var mayConflict = decision.AllowOrigin.Count > 0 || decision.Outcome != CorsOutcome.NotApplicable;
        if (mayConflict && headers.AccessControlAllowOrigin.Count > 0)
        {
            if (context.Items.ContainsKey(WrittenByCorsKit))
            {
                return WriteResult.AlreadyWritten;
            }

            VaryHeader.AddOrigin(headers);
            return WriteResult.ForeignAllowOrigin;
        }

        Write(headers, decision);
        if (markAsOurs && decision.AllowOrigin.Count > 0)
        {
            context.Items[WrittenByCorsKit] = WrittenByCorsKit;
        }

        return WriteResult.Written;
    }

    private static void Write(IHeaderDictionary headers, in CorsDecision decision)
    {
        if (decision.Vary != VaryOn.None)
        {
            if ((decision.Vary & VaryOn.PreflightRequest) != 0)
            {
                VaryHeader.AddPreflight(headers, includeOrigin: (decision.Vary & VaryOn.Origin) != 0);
            }
            else
            {
                VaryHeader.AddOrigin(headers);
            }
        }

        if (decision.AllowOrigin.Count == 0)
        {
            return;
        }

        headers.AccessControlAllowOrigin = decision.AllowOrigin;
        if (decision.AllowCredentials)
        {
            headers.AccessControlAllowCredentials = True;
        }

        if (decision.AllowMethods.Count > 0)
        {
            headers.AccessControlAllowMethods = decision.AllowMethods;
        }

        if (decision.AllowHeaders.Count > 0)
        {
            headers.AccessControlAllowHeaders = decision.AllowHeaders;
        }

        if (decision.MaxAge.Count > 0)
        {
            headers.AccessControlMaxAge = decision.MaxAge;
        }

        if (decision.ExposeHeaders.Count > 0)
        {
            // The application may expose headers of its own on this response: add to its list, never overwrite it.
            ExposeHeadersHeader.Add(headers, decision.ExposeHeaders);
        }
    }
}
