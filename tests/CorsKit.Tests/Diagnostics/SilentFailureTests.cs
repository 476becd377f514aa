using System.Net;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CorsKit.Tests.Diagnostics;

/// <summary>
/// The CORS failures that happen outside CorsKit's policy, each provoked on a real Kestrel host, with the event that
/// names it; and the correct set-ups that must log none of them.
/// </summary>
public sealed class SilentFailureTests
{
    private const string Spa = "http://localhost:5173";

    private static readonly int[] OutsideFailureEvents =
    [
        CorsKitEvents.ImplicitAuthorizationBeforeCorsKit, CorsKitEvents.NoPolicyApplies, CorsKitEvents.ConfigurationSectionMissing,
        CorsKitEvents.PreflightRejectedBeforeCorsKit, CorsKitEvents.PreflightRedirectedBeforeCorsKit, CorsKitEvents.PreflightThrottledBeforeCorsKit,
        CorsKitEvents.PreflightAnsweredByAnotherCorsMiddleware, CorsKitEvents.PreflightAnsweredBeforeCorsKit, CorsKitEvents.PreflightWithoutPolicy,
        CorsKitEvents.AllowOriginAlreadySet, CorsKitEvents.MiddlewareAfterAuthentication,
    ];

    [Fact]
    public async Task Authorization_inserted_by_WebApplication_before_CorsKit_is_reported_at_startup_and_on_the_first_preflight()
    {
        await using var app = await StartAsync(
            builder =>
            {
                AddDenyingAuthentication(builder.Services);
                builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(Spa).AllowCredentials().WithMethods("PUT")));
            },
            a =>
            {
                // No UseAuthentication()/UseAuthorization(): WebApplication inserts both before everything below.
                a.UseCorsKit();
                a.MapPut("/todos", () => "ok");
            });

        app.Logs.SingleCorsKitEvent(CorsKitEvents.ImplicitAuthorizationBeforeCorsKit).Message
            .Should().Contain("fallback authorization policy").And.Contain("call app.UseCorsKit() and then app.UseAuthentication() and app.UseAuthorization()");

        using var preflight = await app.Client.SendAsync(CorsRequests.Preflight("/todos", Spa, "PUT"));

        preflight.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        preflight.Header("Access-Control-Allow-Origin").Should().BeNull();
        app.Logs.SingleCorsKitEvent(CorsKitEvents.PreflightRejectedBeforeCorsKit).Message.Should().Contain("answered 401 before it reached CorsKit");
    }

    [Fact]
    public async Task Only_named_policies_and_a_bare_UseCorsKit_is_reported_at_startup_and_on_the_first_preflight()
    {
        await using var app = await StartAsync(
            builder => builder.Services.AddCorsKit(cors => cors.AddPolicy("spa", p => p.WithOrigins(Spa))),
            a =>
            {
                a.UseCorsKit();
                a.MapPut("/todos", () => "ok");
            });

        app.Logs.SingleCorsKitEvent(CorsKitEvents.NoPolicyApplies).Message.Should().Contain("'spa'").And.Contain("nothing selects them");

        using var preflight = await app.Client.SendAsync(CorsRequests.Preflight("/todos", Spa, "PUT"));

        preflight.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        app.Logs.SingleCorsKitEvent(CorsKitEvents.PreflightWithoutPolicy).Message.Should().Contain("no policy applies");
    }

    [Fact]
    public async Task A_misspelt_configuration_section_is_reported_at_startup()
    {
        await using var app = await StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["CorsKit:DefaultPolicy:Origins:0"] = Spa });
                builder.Services.AddCorsKit(builder.Configuration.GetSection("CorsKitt"));
            },
            a =>
            {
                a.UseCorsKit();
                a.MapGet("/", () => "ok");
            });

        app.Logs.SingleCorsKitEvent(CorsKitEvents.ConfigurationSectionMissing).Message.Should().Contain("'CorsKitt'");
        app.Logs.CorsKitEvents(CorsKitEvents.NoPolicyApplies).Should().ContainSingle();
    }

    [Fact]
    public async Task Microsoft_CORS_before_CorsKit_answering_preflights_is_reported()
    {
        await using var app = await StartAsync(
            builder =>
            {
                builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().AllowAnyMethod()));
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(Spa).WithMethods("PUT")));
            },
            a =>
            {
                a.UseCors();
                a.UseCorsKit();
                a.MapPut("/admin", () => "ok").DisableCorsKit();
            });

        using var preflight = await app.Client.SendAsync(CorsRequests.Preflight("/admin", "https://evil.example.net", "PUT"));

        preflight.Header("Access-Control-Allow-Origin").Should().Be("*", "Microsoft's middleware answered, bypassing DisableCorsKit");
        app.Logs.SingleCorsKitEvent(CorsKitEvents.PreflightAnsweredByAnotherCorsMiddleware).Message.Should().Contain("app.UseCors()");
    }

    [Fact]
    public async Task Microsoft_CORS_after_CorsKit_is_reported_and_responses_keep_Vary_Origin()
    {
        await using var app = await StartAsync(
            builder =>
            {
                builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(Spa)));
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(Spa)));
            },
            a =>
            {
                a.UseCorsKit();
                a.UseCors();
                a.MapGet("/todos", () => "ok");
            });

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/todos", Spa));

        response.Header("Access-Control-Allow-Origin").Should().Be(Spa, "one value, Microsoft's");
        response.HeaderList("Vary").Should().Contain("Origin");
        app.Logs.SingleCorsKitEvent(CorsKitEvents.AllowOriginAlreadySet).Level.Should().Be(LogLevel.Warning);
    }

    [Fact]
    public async Task A_preflight_redirected_by_UseHttpsRedirection_is_reported_with_its_location()
    {
        await using var app = await StartAsync(
            builder =>
            {
                builder.Services.AddHttpsRedirection(o => o.HttpsPort = 8443);
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(Spa).WithMethods("PUT")));
            },
            a =>
            {
                a.UseHttpsRedirection();
                a.UseCorsKit();
                a.MapPut("/todos", () => "ok");
            });

        using var preflight = await app.Client.SendAsync(CorsRequests.Preflight("/todos", Spa, "PUT"));

        ((int)preflight.StatusCode).Should().Be(307);
        app.Logs.SingleCorsKitEvent(CorsKitEvents.PreflightRedirectedBeforeCorsKit).Message.Should().Contain("https://").And.Contain(":8443/todos");
    }

    [Fact]
    public async Task A_rate_limiter_answering_preflights_before_CorsKit_is_reported()
    {
        await using var app = await StartAsync(
            builder =>
            {
                builder.Services.AddRateLimiter(o =>
                {
                    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                    o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetFixedWindowLimiter(
                        "all", _ => new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
                });
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(Spa).WithMethods("PUT")));
            },
            a =>
            {
                a.UseRateLimiter();
                a.UseCorsKit();
                a.MapPut("/todos", () => "ok");
            });

        using var first = await app.Client.SendAsync(CorsRequests.Preflight("/todos", Spa, "PUT"));
        using var second = await app.Client.SendAsync(CorsRequests.Preflight("/todos", Spa, "PUT"));

        first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        ((int)second.StatusCode).Should().Be(429);
        app.Logs.SingleCorsKitEvent(CorsKitEvents.PreflightThrottledBeforeCorsKit).Message.Should().Contain("rate limiter");
    }

    [Fact]
    public async Task An_API_key_middleware_answering_OPTIONS_before_CorsKit_is_reported()
    {
        await using var app = await StartAsync(
            builder => builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(Spa).WithMethods("PUT"))),
            a =>
            {
                a.Use(async (context, next) =>
                {
                    if (!context.Request.Headers.ContainsKey("X-Api-Key"))
                    {
                        context.Response.StatusCode = StatusCodes.Status400BadRequest;
                        return;
                    }

                    await next(context);
                });
                a.UseCorsKit();
                a.MapPut("/todos", () => "ok");
            });

        using var preflight = await app.Client.SendAsync(CorsRequests.Preflight("/todos", Spa, "PUT"));

        preflight.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        app.Logs.SingleCorsKitEvent(CorsKitEvents.PreflightAnsweredBeforeCorsKit).Message.Should().Contain("answered 400 before it reached CorsKit");
    }

    [Fact]
    public async Task A_private_network_access_preflight_is_explained_once_and_answered_normally()
    {
        await using var app = await StartAsync(
            builder => builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(Spa).WithMethods("PUT"))),
            a =>
            {
                a.UseCorsKit();
                a.MapPut("/todos", () => "ok");
            });

        for (var i = 0; i < 2; i++)
        {
            using var request = CorsRequests.Preflight("/todos", Spa, "PUT");
            request.Headers.TryAddWithoutValidation("Access-Control-Request-Private-Network", "true");
            using var preflight = await app.Client.SendAsync(request);
            preflight.Header("Access-Control-Allow-Origin").Should().Be(Spa);
            preflight.Headers.Contains("Access-Control-Allow-Private-Network").Should().BeFalse();
        }

        app.Logs.SingleCorsKitEvent(CorsKitEvents.PrivateNetworkAccessPreflight).Message.Should().Contain("Local Network Access");
    }

    public static TheoryData<string> CorrectSetups => ["spa with explicit auth order", "controllers without authorization requirements", "https redirection of a normal request"];

    [Theory]
    [MemberData(nameof(CorrectSetups))]
    public async Task Correct_set_ups_log_none_of_these_events(string setup)
    {
        await using var app = await StartAsync(
            builder =>
            {
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(Spa).AllowCredentials().WithMethods("PUT")));
                switch (setup)
                {
                    case "spa with explicit auth order":
                        AddDenyingAuthentication(builder.Services);
                        builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
                        break;
                    case "controllers without authorization requirements":
                        builder.Services.AddControllers().AddApplicationPart(typeof(SilentFailureTests).Assembly);
                        break;
                    default:
                        builder.Services.AddHttpsRedirection(o => o.HttpsPort = 8443);
                        break;
                }
            },
            a =>
            {
                if (setup == "https redirection of a normal request")
                {
                    a.UseHttpsRedirection();
                }

                a.UseCorsKit();
                if (setup == "spa with explicit auth order")
                {
                    a.UseAuthentication();
                    a.UseAuthorization();
                }

                a.MapPut("/todos", () => "ok").AllowAnonymous();
                if (setup == "controllers without authorization requirements")
                {
                    a.MapControllers();
                }
            });

        if (setup == "https redirection of a normal request")
        {
            // Redirecting ordinary requests is UseHttpsRedirection's job and Microsoft's documented order; only a
            // redirected preflight is worth a warning.
            using var redirected = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Put, "/todos", Spa));
            ((int)redirected.StatusCode).Should().Be(307);
        }
        else
        {
            using var preflight = await app.Client.SendAsync(CorsRequests.Preflight("/todos", Spa, "PUT"));
            using var actual = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Put, "/todos", Spa));
            preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
            preflight.Header("Access-Control-Allow-Origin").Should().Be(Spa);
        }

        app.Logs.From(LogRecords.CorsKitCategory).Where(r => OutsideFailureEvents.Contains(r.Id.Id)).Select(r => r.Message).Should().BeEmpty();
    }

    private static Task<TestHost> StartAsync(Action<WebApplicationBuilder> configureBuilder, Action<WebApplication> configureApp) =>
        TestHost.StartAsync(configureBuilder, configureApp, TestTransport.Kestrel);

    private static void AddDenyingAuthentication(IServiceCollection services) =>
        services.AddAuthentication("Test").AddScheme<AuthenticationSchemeOptions, NoUserHandler>("Test", _ => { });

    /// <summary>An authentication scheme that never finds a user: every challenge is a 401.</summary>
    private sealed class NoUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
