using CorsKit;
using Microsoft.AspNetCore.Mvc;

namespace PackageConsumer.Controllers;

/// <summary>Orders shared with partners: the controller uses the "partners" policy.</summary>
[ApiController]
[Route("api/orders")]
[EnableCorsKit("partners")]
public sealed class OrdersController : ControllerBase
{
    [HttpGet]
    public IActionResult List()
    {
        Response.Headers["X-Total-Count"] = "1";
        return Ok(new[] { new { id = 1 } });
    }

    [HttpPatch("{id:int}")]
    public IActionResult Update(int id) => Ok(new { id, updated = true });
}
