using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;

namespace CorsKit.PackageTests;

/// <summary>
/// Does what a user does, once for all tests: packs src/CorsKit into a fresh folder feed, restores the consumer app
/// (tests/CorsKit.PackageConsumer, copied to a temporary folder) against that feed alone, with its own empty package
/// cache, so no stale or cached CorsKit can satisfy it, builds it, and starts it on a free loopback port.
/// </summary>
public sealed class PackedConsumerFixture : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _appOutput = new();
    private Process? _app;

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "corskit-package-tests-" + Guid.NewGuid().ToString("N"));

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    public string PackagesDirectory => Path.Combine(WorkDirectory, "pkgs");

    public string ConsumerOutputDirectory => Path.Combine(WorkDirectory, "out");

    public string PackOutput { get; private set; } = "";

    public string PackagePath { get; private set; } = "";

    public string SymbolsPackagePath { get; private set; } = "";

    public string Version { get; private set; } = "";

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string AppOutput => ProcessRunner.Read(_appOutput);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        await PackAsync();
        await BuildConsumerAsync();
        await StartConsumerAsync();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            if (!_app.HasExited)
            {
                _app.Kill(entireProcessTree: true);
                await _app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }

            _app.Dispose();
        }

        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still locked by a just-killed process only leaves a folder in the temp directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The package's manifest.</summary>
    public XDocument ReadNuspec()
    {
        using var package = ZipFile.OpenRead(PackagePath);
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream);
    }

    private async Task PackAsync()
    {
        // Build outputs go to the temporary folder (artifacts layout) so the pack never shares src/CorsKit/obj with a
        // build running at the same time.
        var result = await ProcessRunner.RunDotnetAsync(
            RepositoryRoot,
            PackTimeout,
            "pack", Path.Combine(RepositoryRoot, "src", "CorsKit", "CorsKit.csproj"),
            "-c", "Release",
            "-o", FeedDirectory,
            "-p:UseArtifactsOutput=true",
            "-p:ArtifactsPath=" + Path.Combine(WorkDirectory, "artifacts"),
            "--disable-build-servers",
            "-nodeReuse:false");
        result.ShouldSucceed();
        PackOutput = result.Output;

        var packages = Directory.GetFiles(FeedDirectory, "CorsKit.*.nupkg");
        packages.Should().ContainSingle("one package is packed; the feed held {0}", string.Join(", ", packages));
        PackagePath = packages[0];
        var symbols = Directory.GetFiles(FeedDirectory, "CorsKit.*.snupkg");
        symbols.Should().ContainSingle("the symbols package is packed next to the package");
        SymbolsPackagePath = symbols[0];

        var ns = ReadNuspec().Root!.Name.Namespace;
        Version = ReadNuspec().Root!.Element(ns + "metadata")!.Element(ns + "version")!.Value;
        Path.GetFileName(PackagePath).Should().Be($"CorsKit.{Version}.nupkg");
    }

    private async Task BuildConsumerAsync()
    {
        var source = Path.Combine(RepositoryRoot, "tests", "CorsKit.PackageConsumer");
        var consumer = Path.Combine(WorkDirectory, "consumer");
        CopyDirectory(source, consumer);
        var project = Path.Combine(consumer, "CorsKit.PackageConsumer.csproj");

        // The folder feed is the only source: restoring CorsKit from anywhere else (or from a cache) is impossible.
        var restore = await ProcessRunner.RunDotnetAsync(
            consumer,
            RestoreTimeout,
            "restore", project,
            "--source", FeedDirectory,
            "--packages", PackagesDirectory,
            "-p:CorsKitVersion=" + Version,
            "--disable-build-servers");
        restore.ShouldSucceed();

        var build = await ProcessRunner.RunDotnetAsync(
            consumer,
            BuildTimeout,
            "build", project,
            "--no-restore",
            "-c", "Release",
            "-o", ConsumerOutputDirectory,
            "-p:CorsKitVersion=" + Version,
            "--disable-build-servers",
            "-nodeReuse:false");
        build.ShouldSucceed();
    }

    private async Task StartConsumerAsync()
    {
        var port = FindFreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _app = ProcessRunner.Start(ProcessRunner.DotnetHost, 
            ConsumerOutputDirectory,
            _appOutput,
            Path.Combine(ConsumerOutputDirectory, "CorsKit.PackageConsumer.dll"),
            "--urls", BaseAddress.ToString().TrimEnd('/'),
            "--environment", "Production");

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_app.HasExited)
            {
                throw new InvalidOperationException($"The consumer app exited with code {_app.ExitCode} before it was ready:{Environment.NewLine}{AppOutput}");
            }

            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await Client.GetAsync(new Uri("/internal/health", UriKind.Relative), probe.Token);
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

            await Task.Delay(200);
        }

        throw new TimeoutException($"The consumer app did not answer on {BaseAddress} within {StartTimeout}:{Environment.NewLine}{AppOutput}");
    }

    private static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is "bin" or "obj")
            {
                continue;
            }

            CopyDirectory(directory, Path.Combine(target, name));
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CorsKit.sln"))
                && File.Exists(Path.Combine(directory.FullName, "src", "CorsKit", "CorsKit.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CorsKit repository above {AppContext.BaseDirectory}.");
    }
}
