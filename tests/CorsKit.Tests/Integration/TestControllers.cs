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

/// <summary>A base class that enables a permissive policy for every controller derived from it.</summary>
[ApiController]
[EnableCorsKit("public")]
public abstract class PublicApiControllerBase : ControllerBase
{
}

/// <summary>Derived from a CORS-enabled base, but switched off: the derived class's declaration must win.</summary>
[Route("mvc/internal")]
[DisableCorsKit]
public sealed class InternalController : PublicApiControllerBase
{
    private static int _putCalls;

    public static int PutCalls => Volatile.Read(ref _putCalls);

    [HttpGet]
    public IActionResult Get() => Ok("internal");

    [HttpPut]
    public IActionResult Put()
    {
        Interlocked.Increment(ref _putCalls);
        return Ok("put");
    }
}

/// <summary>A base class that switches CORS off for every controller derived from it.</summary>
[ApiController]
[DisableCorsKit]
public abstract class ClosedControllerBase : ControllerBase
{
}

/// <summary>Derived from a CORS-disabled base, but opened for partners: the derived class's declaration must win.</summary>
[Route("mvc/partner-feed")]
[EnableCorsKit("partners")]
public sealed class PartnerFeedController : ClosedControllerBase
{
    [HttpGet]
    public IActionResult Get() => Ok("feed");
}
