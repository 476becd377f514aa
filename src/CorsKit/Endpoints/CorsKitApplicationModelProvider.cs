using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace CorsKit.Endpoints;

/// <summary>
/// Applies CorsKit's precedence to controllers and lets their actions be matched by CORS preflights (the controller
/// counterpart of <see cref="PreflightRouting"/>).
/// </summary>
/// <remarks>
/// Precedence: an action's own attribute over its controller's, and a derived controller's over its base classes'.
/// Endpoint metadata is a flat list where the last CorsKit item wins, and MVC lists the controller's attributes
/// derived-class first, then the action's: so a base class's <c>[EnableCorsKit]</c> would come after, and beat, the
/// derived class's <c>[DisableCorsKit]</c>. The winner is therefore chosen here, where the class hierarchy is still
/// known, and appended to each action's metadata so that it is the last CorsKit item of the endpoint.
/// </remarks>
internal sealed class CorsKitApplicationModelProvider : IApplicationModelProvider
{
    // Right after MVC's DefaultApplicationModelProvider (-1000), which creates the selectors this provider edits.
    public int Order => -1000 + 10;

    public void OnProvidersExecuting(ApplicationModelProviderContext context)
    {
        foreach (var controller in context.Result.Controllers)
        {
            // Attributes come from GetCustomAttributes(inherit: true): the declaring (most derived) class's first.
            var onController = controller.Attributes.OfType<ICorsKitMetadata>().FirstOrDefault();
            foreach (var action in controller.Actions)
            {
                var winner = action.Attributes.OfType<ICorsKitMetadata>().FirstOrDefault() ?? onController;
                if (winner is null)
                {
                    continue;
                }

                foreach (var selector in action.Selectors)
                {
                    selector.EndpointMetadata.Add(winner);
                    AcceptPreflight(selector);
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
