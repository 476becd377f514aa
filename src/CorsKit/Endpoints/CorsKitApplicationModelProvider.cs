using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace CorsKit.Endpoints;

/// <summary>
/// Lets MVC actions carrying CorsKit attributes (on the action or its controller) be matched by CORS preflights,
/// the controller counterpart of <see cref="PreflightRouting"/>.
/// </summary>
internal sealed class CorsKitApplicationModelProvider : IApplicationModelProvider
{
    // Right after MVC's DefaultApplicationModelProvider (-1000), which creates the selectors this provider edits.
    public int Order => -1000 + 10;

    public void OnProvidersExecuting(ApplicationModelProviderContext context)
    {
        foreach (var controller in context.Result.Controllers)
        {
            var onController = controller.Attributes.OfType<ICorsKitMetadata>().Any();
            foreach (var action in controller.Actions)
            {
                if (onController || action.Attributes.OfType<ICorsKitMetadata>().Any())
                {
                    foreach (var selector in action.Selectors)
                    {
                        AcceptPreflight(selector);
                    }
                }
            }
        }
    }

    public void OnProvidersExecuted(ApplicationModelProviderContext context)
    {
    }

    private static void AcceptPreflight(SelectorModel selector)
    {
        for (var i = 0; i < selector.ActionConstraints.Count; i++)
        {
            if (selector.ActionConstraints[i] is HttpMethodActionConstraint constraint and not PreflightAwareHttpMethodActionConstraint)
            {
                selector.ActionConstraints[i] = new PreflightAwareHttpMethodActionConstraint(constraint.HttpMethods);
            }
        }

        for (var i = 0; i < selector.EndpointMetadata.Count; i++)
        {
            if (selector.EndpointMetadata[i] is IHttpMethodMetadata { AcceptCorsPreflight: false } methods)
            {
                selector.EndpointMetadata[i] = new HttpMethodMetadata(methods.HttpMethods, acceptCorsPreflight: true);
            }
        }
    }
}
