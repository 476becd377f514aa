using System.Net;
using CorsKit.Tests.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CorsKit.Tests.Configuration;

/// <summary>
/// Policies bound from a real JSON file on a real host: startup validation names configuration paths, and rewriting
/// the file changes the policies in force without a restart (or, when invalid, keeps the last good ones).
/// </summary>
public sealed class ConfigurationTests : IDisposable
{
    private const string ValidJson = """
        {
          "CorsKit": {
            "DefaultPolicy": {
              "Origins": [ "https://app.example.com", "https://*.example.com" ],
              "Methods": [ "GET", "PUT" ],
              "Headers": [ "Content-Type" ],
              "ExposedHeaders": [ "X-Total-Count" ],
              "AllowCredentials": true,
              "PreflightMaxAge": 600
            },
            "Policies": {
              "public": { "Origins": [ "*" ], "Methods": [ "*" ], "Headers": "*", "PreflightMaxAge": "00:01:00" }
            }
          }
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("corskit-config-").FullName;

    private string SettingsPath => Path.Combine(_directory, "appsettings.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<TestHost> StartAsync(string json, Action<CorsKitOptions>? code = null)
    {
        File.WriteAllText(SettingsPath, json);
        return TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonFile(SettingsPath, optional: false, reloadOnChange: true);
                var section = builder.Configuration.GetSection("CorsKit");
                if (code is null)
                {
                    builder.Services.AddCorsKit(section);
                }
                else
                {
                    builder.Services.AddCorsKit(section, code);
                }
            },
            app =>
            {
                app.UseCorsKit();
                app.MapPut("/items", () => "put");
                app.MapGet("/public", () => "public").RequireCorsKit("public");
            });
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the configuration change should have been applied");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Default_and_named_policies_are_bound_from_json()
    {
        await using var app = await StartAsync(ValidJson);

        using var preflight = await app.Client.SendAsync(CorsRequests.Preflight("/items", "https://a.example.com", "PUT", "content-type"));
        using var publicPreflight = await app.Client.SendAsync(CorsRequests.Preflight("/public", "https://anyone.example.net", "GET", "x-a"));

        preflight.Header("Access-Control-Allow-Origin").Should().Be("https://a.example.com");
        preflight.Header("Access-Control-Allow-Credentials").Should().Be("true");
        preflight.Header("Access-Control-Allow-Methods").Should().Be("GET, PUT");
        preflight.Header("Access-Control-Allow-Headers").Should().Be("content-type");
        preflight.Header("Access-Control-Max-Age").Should().Be("600");
        publicPreflight.Header("Access-Control-Allow-Origin").Should().Be("*");
        publicPreflight.Header("Access-Control-Max-Age").Should().Be("60");
    }

    [Fact]
    public async Task An_invalid_section_stops_the_app_at_startup_naming_every_path_and_value()
    {
        var json = """
            {
              "CorsKit": {
                "Policies": {
                  "public": { "Origins": [ "https://ok.example.com", "https://b.example.com", "https://a.com/" ], "AllowCredentials": "yes" },
                  "partners": { "Origins": [ "*" ], "AllowCredentials": true, "Method": [ "PUT" ] }
                }
              }
            }
            """;

        var act = () => StartAsync(json);

        var exception = (await act.Should().ThrowAsync<CorsKitConfigurationException>()).Which;
        exception.Message.Should().Contain("CorsKit:Policies:public:Origins:2 'https://a.com/' has a trailing slash; origins have no path");
        exception.Message.Should().Contain("CorsKit:Policies:public:AllowCredentials 'yes' is not a boolean");
        exception.Message.Should().Contain("CorsKit:Policies:partners:Method: is not a policy setting; did you mean 'Methods'?");
        exception.Message.Should().Contain("CorsKit:Policies:partners:AllowCredentials: \"*\" in \"Origins\" cannot be combined with \"AllowCredentials\": true");
        exception.Message.Should().NotContain("AllowAnyOrigin()", "advice is given in the terms of the file, not of the builder API");
        exception.Errors.Should().HaveCount(4);
        exception.Errors.Select(e => e.Problem).Should().BeEquivalentTo(
            [CorsKitProblem.Malformed, CorsKitProblem.Malformed, CorsKitProblem.UnknownKey, CorsKitProblem.UnsafeWithCredentials]);
        exception.Errors.Should().OnlyContain(e => e.ConfigurationPath != null && e.ConfigurationPath.StartsWith("CorsKit:Policies:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1.5", "is not a duration")]
    [InlineData("99999999999999", "is out of range")]
    [InlineData("-5", "is negative")]
    public async Task Max_age_values_that_could_be_misread_are_errors(string value, string expected)
    {
        var json = $$"""{ "CorsKit": { "DefaultPolicy": { "Origins": [ "https://a.example.com" ], "PreflightMaxAge": "{{value}}" } } }""";

        var act = () => StartAsync(json);

        (await act.Should().ThrowAsync<CorsKitConfigurationException>()).Which.Message.Should().Contain("CorsKit:DefaultPolicy:PreflightMaxAge").And.Contain(expected);
    }

    [Fact]
    public async Task Code_configuration_combines_with_the_section()
    {
        await using var app = await StartAsync(ValidJson, cors => cors.AddPolicy("public", p => p.WithOrigins("https://only.example.org")));

        using var replaced = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/public", "https://anyone.example.net"));
        using var fromCode = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/public", "https://only.example.org"));
        using var fromJson = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Put, "/items", "https://app.example.com"));

        replaced.CorsHeaderNames().Should().BeEmpty();
        fromCode.Header("Access-Control-Allow-Origin").Should().Be("https://only.example.org");
        fromJson.Header("Access-Control-Allow-Origin").Should().Be("https://app.example.com");
    }

    [Fact]
    public async Task A_valid_change_to_the_file_takes_effect_without_a_restart()
    {
        await using var app = await StartAsync(ValidJson);
        using (var before = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Put, "/items", "https://new.example.org")))
        {
            before.CorsHeaderNames().Should().BeEmpty();
        }

        await File.WriteAllTextAsync(SettingsPath, ValidJson.Replace("\"https://app.example.com\", \"https://*.example.com\"", "\"https://new.example.org\"", StringComparison.Ordinal));

        await Eventually(async () =>
        {
            using var after = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Put, "/items", "https://new.example.org"));
            return after.Header("Access-Control-Allow-Origin") == "https://new.example.org";
        });
        await Eventually(() => Task.FromResult(app.Logs.From("CorsKit").Any(e => e.Id.Id == CorsKitEvents.ConfigurationReloaded)));
        using var removed = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Put, "/items", "https://app.example.com"));
        removed.CorsHeaderNames().Should().BeEmpty("the old origin is gone from the new file");
    }

    [Fact]
    public async Task An_invalid_change_keeps_the_last_good_policies_and_logs_the_problem()
    {
        await using var app = await StartAsync(ValidJson);

        await File.WriteAllTextAsync(SettingsPath, ValidJson.Replace("\"https://app.example.com\"", "\"https://app.example.com/\"", StringComparison.Ordinal));

        await Eventually(() => Task.FromResult(app.Logs.From("CorsKit").Any(e => e.Id.Id == CorsKitEvents.ConfigurationReloadFailed)));
        var error = app.Logs.From("CorsKit").First(e => e.Id.Id == CorsKitEvents.ConfigurationReloadFailed);
        error.Level.Should().Be(LogLevel.Error);
        error.Message.Should().Contain("CorsKit:DefaultPolicy:Origins:0 'https://app.example.com/' has a trailing slash");
        using var stillAllowed = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Put, "/items", "https://app.example.com"));
        stillAllowed.StatusCode.Should().Be(HttpStatusCode.OK);
        stillAllowed.Header("Access-Control-Allow-Origin").Should().Be("https://app.example.com");
    }

    [Fact]
    public async Task Origins_can_be_one_comma_separated_string_for_environment_variables()
    {
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["CorsKit:DefaultPolicy:Origins"] = "https://a.example.com, https://b.example.com",
                    ["CorsKit:BlockRefusedCrossOriginWrites"] = "true",
                });
                builder.Services.AddCorsKit(builder.Configuration.GetSection("CorsKit"));
            },
            app =>
            {
                app.UseCorsKit();
                app.MapPost("/", () => "posted");
            });

        using var allowed = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Post, "/", "https://b.example.com"));
        using var blocked = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Post, "/", "https://c.example.com"));

        allowed.Header("Access-Control-Allow-Origin").Should().Be("https://b.example.com");
        blocked.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AllowSameSiteWrites_is_bound_and_lets_same_site_writes_through_the_guard()
    {
        await using var app = await StartGuardedAsync("true");

        using var sameSite = await app.Client.SendAsync(SameSitePost());

        sameSite.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_AllowSameSiteWrites_a_same_site_write_from_an_unlisted_origin_is_blocked()
    {
        await using var app = await StartGuardedAsync(allowSameSite: null);

        using var sameSite = await app.Client.SendAsync(SameSitePost());

        sameSite.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_non_boolean_AllowSameSiteWrites_stops_the_app_with_its_path()
    {
        var act = () => StartGuardedAsync("sometimes");

        var exception = (await act.Should().ThrowAsync<CorsKitConfigurationException>()).Which;
        exception.Message.Should().Contain("CorsKit:AllowSameSiteWrites 'sometimes' is not a boolean");
    }

    [Fact]
    public async Task A_misspelt_AllowSameSiteWrites_is_reported_with_a_suggestion()
    {
        var act = () => TestApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["CorsKit:AllowSameSiteWrite"] = "true" });
                builder.Services.AddCorsKit(builder.Configuration.GetSection("CorsKit"));
            },
            app => app.UseCorsKit());

        var exception = (await act.Should().ThrowAsync<CorsKitConfigurationException>()).Which;
        exception.Message.Should().Contain("CorsKit:AllowSameSiteWrite").And.Contain("'AllowSameSiteWrites'");
    }

    private static Task<TestHost> StartGuardedAsync(string? allowSameSite) => TestApp.StartAsync(
        builder =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["CorsKit:DefaultPolicy:Origins"] = "https://partner.example.net",
                ["CorsKit:BlockRefusedCrossOriginWrites"] = "true",
            };
            if (allowSameSite is not null)
            {
                settings["CorsKit:AllowSameSiteWrites"] = allowSameSite;
            }

            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddCorsKit(builder.Configuration.GetSection("CorsKit"));
        },
        app =>
        {
            app.UseCorsKit();
            app.MapPost("/", () => "posted");
        });

    private static HttpRequestMessage SameSitePost()
    {
        var request = CorsRequests.Actual(HttpMethod.Post, "/", "https://blog.example.com");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-site");
        return request;
    }
}
