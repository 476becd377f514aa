using Microsoft.Extensions.Logging.Testing;
using System.Net;
using CorsKit.Tests.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace CorsKit.Tests.Diagnostics;

/// <summary>Every refusal reason: the log event and its fields, the metric, and the opt-in refusal header.</summary>
public sealed class RefusalDiagnosticsTests : IAsyncLifetime
{
    private const string App = "https://app.example.com";
    private const string Evil = "https://evil.example.org";

    private TestHost _app = null!;
    private MetricCollector<long> _requests = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(
            cors =>
            {
                cors.IncludeRefusalReasonHeader = true;
                cors.BlockRefusedCrossOriginWrites = true;
                cors.AddDefaultPolicy(p => p.WithOrigins(App).WithMethods("PUT").WithHeaders("X-Request-Id"));
            },
            app =>
            {
                app.UseCorsKit();
                app.MapPut("/items", () => "put");
                app.MapPost("/items", () => "post");
                app.MapGet("/items", () => "get");
                app.MapPut("/off", () => "off").DisableCorsKit();
            });
        _requests = new MetricCollector<long>(_app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "CorsKit", "corskit.requests");
    }

    public async Task DisposeAsync()
    {
        _requests.Dispose();
        await _app.DisposeAsync();
    }

    private FakeLogRecord Event(int id) => _app.Logs.From("CorsKit").Should().ContainSingle(e => e.Id.Id == id).Subject;

    private void MetricRecorded(string kind, string outcome, string? reason)
    {
        var measurement = _requests.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        measurement.Value.Should().Be(1);
        measurement.Tags["kind"].Should().Be(kind);
        measurement.Tags["outcome"].Should().Be(outcome);
        if (reason is null)
        {
            measurement.Tags.Should().NotContainKey("reason");
        }
        else
        {
            measurement.Tags["reason"].Should().Be(reason);
        }
    }

    [Fact]
    public async Task Preflight_refused_for_its_origin()
    {
        using var response = await _app.Client.SendAsync(CorsRequests.Preflight("/items", Evil, "PUT"));

        var entry = Event(CorsKitEvents.PreflightOriginRefused);
        entry.Level.Should().Be(LogLevel.Information);
        entry.Field("PolicyName").Should().Be("default");
        entry.Field("Origin").Should().Be($"\"{Evil}\"");
        entry.Field("AllowedOrigins").Should().Be(App);
        MetricRecorded("preflight", "refused", "origin");
        response.Header("CorsKit-Refusal").Should().Be($"origin \"{Evil}\" is not allowed by policy 'default'");
    }

    [Fact]
    public async Task Preflight_refused_for_its_method()
    {
        using var response = await _app.Client.SendAsync(CorsRequests.Preflight("/items", App, "DELETE"));

        var entry = Event(CorsKitEvents.PreflightMethodRefused);
        entry.Field("Method").Should().Be("\"DELETE\"");
        entry.Field("AllowedMethods").Should().Be("GET, HEAD, POST, PUT");
        MetricRecorded("preflight", "refused", "method");
        response.Header("CorsKit-Refusal").Should().Be("method \"DELETE\" is not allowed by policy 'default' (allowed: GET, HEAD, POST, PUT)");
    }

    [Fact]
    public async Task Preflight_refused_for_a_header()
    {
        using var response = await _app.Client.SendAsync(CorsRequests.Preflight("/items", App, "PUT", "x-request-id, authorization"));

        var entry = Event(CorsKitEvents.PreflightHeaderRefused);
        entry.Field("Header").Should().Be("\"authorization\"");
        entry.Field("AllowedHeaders").Should().Be("x-request-id");
        MetricRecorded("preflight", "refused", "header");
        response.Header("CorsKit-Refusal").Should().Be("request header \"authorization\" is not allowed by policy 'default' (allowed: x-request-id)");
    }

    [Fact]
    public async Task Actual_request_refused_for_its_origin()
    {
        using var response = await _app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/items", Evil));

        Event(CorsKitEvents.RequestOriginRefused).Field("Origin").Should().Be($"\"{Evil}\"");
        MetricRecorded("actual", "refused", "origin");
        response.Header("CorsKit-Refusal").Should().NotBeNull();
    }

    [Fact]
    public async Task Preflight_to_a_disabled_endpoint()
    {
        using var response = await _app.Client.SendAsync(CorsRequests.Preflight("/off", App, "PUT"));

        Event(CorsKitEvents.PreflightToDisabledEndpoint).Level.Should().Be(LogLevel.Information);
        MetricRecorded("preflight", "refused", "disabled");
    }

    [Fact]
    public async Task Cross_origin_write_from_a_refused_origin_is_blocked_before_the_endpoint()
    {
        using var response = await _app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Post, "/items", Evil));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        var entry = Event(CorsKitEvents.CrossOriginWriteBlocked);
        entry.Level.Should().Be(LogLevel.Warning);
        entry.Field("Method").Should().Be("POST");
        MetricRecorded("actual", "refused", "origin");
    }

    [Fact]
    public async Task Cross_origin_write_from_an_allowed_origin_runs()
    {
        using var response = await _app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Post, "/items", App));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("post");
        MetricRecorded("actual", "allowed", null);
    }

    [Fact]
    public async Task Allowed_preflight_logs_at_debug_and_counts_as_allowed()
    {
        using var response = await _app.Client.SendAsync(CorsRequests.Preflight("/items", App, "PUT", "x-request-id"));

        Event(CorsKitEvents.PreflightAllowed).Level.Should().Be(LogLevel.Debug);
        MetricRecorded("preflight", "allowed", null);
        response.Header("CorsKit-Refusal").Should().BeNull();
    }

    [Theory]
    [InlineData(null, "not_cors")]
    [InlineData("http://localhost", "same_origin")]
    public async Task Requests_without_a_cross_origin_decision_are_counted_by_kind(string? origin, string kind)
    {
        using var response = await _app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/items", origin));

        MetricRecorded(kind, "not_applicable", null);
    }
}

/// <summary>The refusal header is off unless asked for.</summary>
public sealed class RefusalHeaderDefaultTests
{
    [Fact]
    public async Task No_refusal_header_by_default()
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")),
            a =>
            {
                a.UseCorsKit();
                a.MapGet("/", () => "x");
            });

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/", "https://evil.example.org"));

        response.Headers.Contains("CorsKit-Refusal").Should().BeFalse();
    }
}

public sealed class RefusalHeaderValueTests
{
    [Fact]
    public async Task The_refusal_header_stays_a_valid_ascii_value_for_non_ascii_policy_names()
    {
        await using var app = await TestApp.StartAsync(
            cors =>
            {
                cors.IncludeRefusalReasonHeader = true;
                cors.AddPolicy("партнёры", p => p.WithOrigins("https://app.example.com"));
            },
            a =>
            {
                a.UseCorsKit("партнёры");
                a.MapGet("/", () => "x");
            });

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/", "https://evil.example.org"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Header("CorsKit-Refusal").Should().Be("origin \"https://evil.example.org\" is not allowed by policy '????????'");
    }
}
