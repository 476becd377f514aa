using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CorsKit.AotTests;

/// <summary>The published native binary, running on a free loopback port until disposed (then killed).</summary>
public sealed class NativeApp : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output;

    private NativeApp(Process process, StringBuilder output, HttpClient client)
    {
        _process = process;
        _output = output;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Output => ProcessRunner.Read(_output);

    /// <summary>Starts the binary in its publish folder (its content root, where appsettings.json is) and waits until it
    /// answers <c>/health</c>; an app that exits or does not answer in time fails with its output.</summary>
    /// <param name="executable">The native binary.</param>
    /// <param name="directory">Its publish folder.</param>
    /// <param name="environment">The host environment (<c>--environment</c>).</param>
    /// <param name="settings">More configuration, as command-line arguments (e.g. <c>--Logging:LogLevel:CorsKit=Information</c>).</param>
    public static async Task<NativeApp> StartAsync(string executable, string directory, string environment = "Production", params string[] settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var output = new StringBuilder();
        var process = ProcessRunner.Start(executable, directory, output, [.. settings, "--urls", baseAddress.ToString().TrimEnd('/'), "--environment", environment]);
        var app = new NativeApp(process, output, new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) });
        try
        {
            await app.WaitUntilReadyAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The native app exited with code {_process.ExitCode} before it answered:{Environment.NewLine}{Output}");
            }

            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await Client.GetAsync(new Uri("/health", UriKind.Relative), probe.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The native app did not answer on {Client.BaseAddress} within {StartTimeout}:{Environment.NewLine}{Output}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
