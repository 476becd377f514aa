namespace CorsKit.Tool.Tests;

/// <summary>The installed <c>corskit check</c>: the library's own validation, every problem with its path.</summary>
[Collection(InstalledToolGroup.Name)]
public sealed class CheckCommandTests(InstalledToolFixture tool)
{
    [Fact]
    public async Task A_valid_file_exits_0()
    {
        var file = await WriteAsync("valid.json", """
            { "CorsKit": { "DefaultPolicy": { "Origins": [ "https://app.example.com" ], "Methods": [ "PUT" ], "AllowCredentials": true } } }
            """);

        var result = await tool.RunAsync("check", file);

        result.ShouldExitWith(0);
        result.Output.Should().Contain("valid");
    }

    [Fact]
    public async Task Every_problem_is_printed_with_its_configuration_path_and_exit_1()
    {
        var file = await WriteAsync("invalid.json", """
            {
              "CorsKit": {
                "Bogus": true,
                "DefaultPolicy": { "Origins": [ "https://app.example.com", "https://a.example.com/" ], "Methods": [ "TRACE" ] },
                "Policies": { "public": { "Origins": [ "*" ], "AllowCredentials": true } }
              }
            }
            """);

        var result = await tool.RunAsync("check", file);

        result.ShouldExitWith(1);
        result.Output.Should().Contain("CorsKit:Bogus").And.Contain("CorsKit:DefaultPolicy:Origins:1 'https://a.example.com/'")
            .And.Contain("CorsKit:DefaultPolicy:Methods:0 'TRACE'").And.Contain("CorsKit:Policies:public");
    }

    [Fact]
    public async Task A_nested_section_is_named_with_section()
    {
        var file = await WriteAsync("nested.json", """
            { "Api": { "Cors": { "DefaultPolicy": { "Origins": [ "app.example.com" ] } } } }
            """);

        var missing = await tool.RunAsync("check", file);
        var nested = await tool.RunAsync("check", file, "--section", "Api:Cors");

        missing.ShouldExitWith(1);
        missing.Output.Should().Contain("no 'CorsKit' section");
        nested.ShouldExitWith(1);
        nested.Output.Should().Contain("Api:Cors:DefaultPolicy:Origins:0 'app.example.com'");
    }

    [Fact]
    public async Task Malformed_json_exits_1_and_a_missing_file_exits_2()
    {
        var file = await WriteAsync("broken.json", """{ "CorsKit": """);

        var broken = await tool.RunAsync("check", file);
        var missing = await tool.RunAsync("check", Path.Combine(tool.WorkDirectory, "nope.json"));

        broken.ShouldExitWith(1);
        broken.Output.Should().Contain("not valid JSON");
        missing.ShouldExitWith(2);
        missing.Error.Should().Contain("does not exist");
    }

    private async Task<string> WriteAsync(string name, string json)
    {
        var path = Path.Combine(tool.WorkDirectory, name);
        await File.WriteAllTextAsync(path, json);
        return path;
    }
}
