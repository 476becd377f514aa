using Microsoft.AspNetCore.Mvc;

namespace CorsKit.Tests.Integration;

[ApiController]
[Route("mvc/items")]
[EnableCorsKit("partners")]
public sealed class ItemsController : ControllerBase
{
    private static int _putCalls;

    public static int PutCalls => Volatile.Read(ref _putCalls);

    [HttpGet]
    public IActionResult List() => Ok(new[] { "a" });

    [HttpPut("{id:int}")]
    public IActionResult Replace(int id)
    {
        Interlocked.Increment(ref _putCalls);
        return Ok(new { id });
    }

    [HttpPost]
    [EnableCorsKit]
    public IActionResult Create() => Ok(new { created = true });

    [HttpDelete("{id:int}")]
    [DisableCorsKit]
    public IActionResult Delete(int id) => NoContent();

    [HttpGet("fail")]
    public IActionResult Fail() => throw new InvalidOperationException("boom");
}

[ApiController]
[Route("mvc/plain")]
public sealed class PlainController : ControllerBase
{
    [HttpPatch]
    public IActionResult Patch() => Ok();
}
