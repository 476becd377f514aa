using Microsoft.AspNetCore.Mvc.ActionConstraints;

namespace CorsKit.Endpoints;

/// <summary>An MVC method constraint that also accepts the CORS preflight for one of its methods.</summary>
internal sealed class PreflightAwareHttpMethodActionConstraint(IEnumerable<string> httpMethods) : HttpMethodActionConstraint(httpMethods)
{
    public override bool Accept(ActionConstraintContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (base.Accept(context))
        {
            return true;
        }

        var request = context.RouteContext.HttpContext.Request;
        var requestedMethod = request.Headers.AccessControlRequestMethod;
        return Microsoft.AspNetCore.Http.HttpMethods.IsOptions(request.Method)
            && request.Headers.Origin.Count > 0
            && requestedMethod.Count == 1
            && HttpMethods.Contains(requestedMethod[0]!, StringComparer.OrdinalIgnoreCase);
    }
}
