using Microsoft.AspNetCore.Mvc;

namespace CorsKit.Samples.Api.Controllers;

/// <summary>Orders, shared with partners: the controller uses the "partners" policy.</summary>
[ApiController]
[Route("api/orders")]
[EnableCorsKit("partners")]
public sealed class OrdersController : ControllerBase
{
    /// <summary>Lists orders.</summary>
    /// <returns>The orders.</returns>
    [HttpGet]
    public IActionResult List() => Ok(new[] { new { id = 1, total = 42.5m } });

    /// <summary>Updates an order (PUT is not allowed by "partners", so browsers on partner sites are refused).</summary>
    /// <param name="id">The order.</param>
    /// <returns>The updated order.</returns>
    [HttpPut("{id:int}")]
    public IActionResult Replace(int id) => Ok(new { id });

    /// <summary>Creates an order; this action uses the default policy instead of the controller's.</summary>
    /// <returns>The created order.</returns>
    [HttpPost]
    [EnableCorsKit]
    public IActionResult Create() => Created("/api/orders/2", new { id = 2 });

    /// <summary>An internal action: CORS is switched off.</summary>
    /// <param name="id">The order.</param>
    /// <returns>No content.</returns>
    [HttpDelete("{id:int}")]
    [DisableCorsKit]
    public IActionResult Delete(int id) => NoContent();
}
