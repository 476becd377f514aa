using System.Text.Json;
using CorsKit.Testing.Tests.Apps;

namespace CorsKit.Tool.Tests;

/// <summary>The installed <c>corskit probe</c>, run as a process against Kestrel servers on loopback.</summary>
[Collection(InstalledToolGroup.Name)]
public sealed class ProbeCommandTests(InstalledToolFixture tool)
{
    private const string Chromium = "has been blocked by CORS policy: ";

    [Fact]
    public async Task The_tool_installs_from_a_folder_and_lists_its_commands()
    {
        var help = await tool.RunAsync("--help");

        help.ShouldExitWith(0);
        help.Output.Should().Contain("probe").And.Contain("check");
        File.Exists(tool.CommandPath).Should().BeTrue();
        Path.GetFileName(tool.PackagePath).Should().Be($"CorsKit.Tool.{tool.Version}.nupkg");
    }

    [Fact]
    public async Task A_CorsKit_api_allows_the_trusted_origin_exit_0_with_both_exchanges_printed()
    {
        await using var server = await SampleServer.StartCorsKitAsync();

        var result = await tool.RunAsync("probe", server.Url("/api/todos/1"), "--origin", SampleServer.AppOrigin, "--method", "PUT",
            "--header", "X-Request-Id: 42", "--credentials");

        result.ShouldExitWith(0);
        result.Output.Should().Contain("Allowed").And.Contain("preflight: OPTIONS " + server.Url("/api/todos/1"))
            .And.Contain("> Access-Control-Request-Method: PUT").And.Contain("> Access-Control-Request-Headers: x-request-id")
            .And.Contain("< Access-Control-Allow-Credentials: true").And.Contain("request:   PUT " + server.Url("/api/todos/1"));
        result.Error.Should().Contain("-> preflight OPTIONS").And.Contain("-> request PUT").And.Contain("<- 204");
    }

    [Fact]
    public async Task A_CorsKit_api_blocks_an_unknown_origin_exit_1_with_Chromiums_text_cause_and_fix()
    {
        await using var server = await SampleServer.StartCorsKitAsync();

        var result = await tool.RunAsync("probe", server.Url("/api/todos"), "--origin", SampleServer.EvilOrigin);

        result.ShouldExitWith(1);
        result.Output.Should().Contain($"Chromium console: Access to fetch at '{server.Url("/api/todos")}' from origin '{SampleServer.EvilOrigin}' {Chromium}No 'Access-Control-Allow-Origin' header is present on the requested resource.")
            .And.Contain("Cause: ").And.Contain("Fix: ");
    }

    [Fact]
    public async Task A_Microsoft_CORS_api_allows_PUT_and_blocks_PATCH()
    {
        await using var server = await SampleServer.StartMicrosoftCorsAsync();

        var put = await tool.RunAsync("probe", server.Url("/api/todos/1"), "--origin", SampleServer.AppOrigin, "-X", "PUT", "-H", "X-Request-Id:1");
        var patch = await tool.RunAsync("probe", server.Url("/api/todos/1"), "--origin", SampleServer.AppOrigin, "-X", "PATCH");

        put.ShouldExitWith(0);
        patch.ShouldExitWith(1);
        patch.Output.Should().Contain(Chromium + "Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response.");
    }

    [Fact]
    public async Task A_wildcard_with_credentials_is_blocked()
    {
        await using var server = await SampleServer.StartBrokenAsync(BrokenCors.WildcardWithCredentials);

        var result = await tool.RunAsync("probe", server.Url("/api/todos"), "--origin", SampleServer.AppOrigin, "--credentials");

        result.ShouldExitWith(1);
        result.Output.Should().Contain(Chromium + "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.");
    }

    [Fact]
    public async Task A_preflight_answered_401_is_blocked()
    {
        await using var server = await SampleServer.StartBrokenAsync(BrokenCors.PreflightAnswered401);

        var result = await tool.RunAsync("probe", server.Url("/api/todos/1"), "--origin", SampleServer.AppOrigin, "-X", "PUT", "-H", "Authorization: Bearer t0k3n");

        result.ShouldExitWith(1);
        result.Output.Should().Contain(Chromium + "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.")
            .And.Contain("< 401").And.Contain("before UseAuthentication()");
    }

    [Fact]
    public async Task A_redirected_preflight_is_blocked()
    {
        await using var server = await SampleServer.StartBrokenAsync(BrokenCors.PreflightRedirected);

        var result = await tool.RunAsync("probe", server.Url("/api/todos/1"), "--origin", SampleServer.AppOrigin, "-X", "DELETE");

        result.ShouldExitWith(1);
        result.Output.Should().Contain(Chromium + "Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.")
            .And.Contain("< 307");
    }

    [Fact]
    public async Task A_missing_method_is_blocked_with_json_output()
    {
        await using var server = await SampleServer.StartBrokenAsync(BrokenCors.MissingMethod);

        var result = await tool.RunAsync("probe", server.Url("/api/todos/1"), "--origin", SampleServer.AppOrigin, "-X", "PUT", "--json");

        result.ShouldExitWith(1);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.GetProperty("allowed").GetBoolean().Should().BeFalse();
        root.GetProperty("message").GetString().Should().Be($"Access to fetch at '{server.Url("/api/todos/1")}' from origin '{SampleServer.AppOrigin}' {Chromium}Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.");
        root.GetProperty("failure").GetString().Should().Be("MethodDisallowedByPreflightResponse");
        var exchange = root.GetProperty("exchanges").EnumerateArray().Should().ContainSingle().Subject;
        exchange.GetProperty("kind").GetString().Should().Be("preflight");
        exchange.GetProperty("status").GetInt32().Should().Be(204);
        exchange.GetProperty("responseHeaders").EnumerateArray()
            .Should().Contain(h => h.GetProperty("name").GetString() == "Access-Control-Allow-Methods" && h.GetProperty("value").GetString() == "GET, POST");
    }

    [Fact]
    public async Task An_allowed_request_in_json_has_allowed_true_and_an_empty_message()
    {
        await using var server = await SampleServer.StartCorsKitAsync();

        var result = await tool.RunAsync("probe", server.Url("/api/todos"), "--origin", SampleServer.AppOrigin, "--json");

        result.ShouldExitWith(0);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("allowed").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("message").GetString().Should().BeEmpty();
        json.RootElement.GetProperty("readableHeaders").GetProperty("x-total-count").GetString().Should().Be("2");
    }

    [Theory]
    [InlineData("probe", "http://127.0.0.1:9/x")]
    [InlineData("probe", "not-a-url", "--origin", "https://app.example.com")]
    [InlineData("probe", "http://127.0.0.1:9/x", "--origin", "https://app.example.com/")]
    [InlineData("probe", "http://127.0.0.1:9/x", "--origin", "https://app.example.com", "-H", "Cookie: a=b")]
    [InlineData("probe", "http://127.0.0.1:9/x", "--origin", "https://app.example.com", "--timeout", "0")]
    [InlineData("probe", "http://127.0.0.1:9/x", "--origin", "https://app.example.com", "--browser", "safari")]
    [InlineData("probe", "http://127.0.0.1:9/x", "--origin", "https://app.example.com", "-X", "TRACE")]
    [InlineData("frobnicate")]
    public async Task Malformed_arguments_exit_2_with_a_message_and_no_stack_trace(params string[] arguments)
    {
        var result = await tool.RunAsync(arguments);

        result.ShouldExitWith(2);
        result.Error.Should().NotBeNullOrWhiteSpace();
        (result.Output + result.Error).Should().NotContain("   at ", "no stack trace");
    }

    [Fact]
    public async Task An_unreachable_host_exits_2_with_the_reason()
    {
        var result = await tool.RunAsync("probe", "http://127.0.0.1:9/x", "--origin", SampleServer.AppOrigin);

        result.ShouldExitWith(2);
        result.Error.Should().Contain("cannot reach 127.0.0.1:9").And.Contain("Connection refused");
        result.Error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task A_TLS_failure_exits_2()
    {
        await using var server = await SampleServer.StartCorsKitAsync();
        var https = "https://" + server.BaseAddress.Authority + "/api/todos";

        var result = await tool.RunAsync("probe", https, "--origin", SampleServer.AppOrigin);

        result.ShouldExitWith(2);
        result.Error.Should().Contain("cannot reach").And.Contain("SecureConnectionError");
    }

    [Fact]
    public async Task A_slow_server_shows_progress_and_times_out_with_exit_2()
    {
        await using var server = await SampleServer.StartAsync(_ => { }, app => app.MapGet("/slow", async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20));
            return "late";
        }));

        var result = await tool.RunAsync("probe", server.Url("/slow"), "--origin", SampleServer.AppOrigin, "--timeout", "2");

        result.ShouldExitWith(2);
        result.Error.Should().Contain("waiting for " + server.BaseAddress.Authority).And.Contain("timed out");
    }
}
