using System.Runtime.InteropServices;

namespace CorsKit.AotTests;

/// <summary>
/// Does what a user does, once for all tests: packs src/CorsKit into a fresh folder feed and publishes the consumer app
/// (tests/CorsKit.AotConsumer, copied to a temporary folder) with Native AOT against that feed, twice: with
/// <c>TrimmerSingleWarn=false</c>, which reports every trim and AOT warning in detail, and with the default, which
/// sums up a package's warnings as one IL2104/IL3053. The native binary of the first publish is started on demand.
/// </summary>
/// <remarks>The package gets a version unique to this run, so no CorsKit from a package cache can stand in for it; the
/// version's folder in the global package cache is deleted afterwards.</remarks>
public sealed class AotConsumerFixture : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);

    private readonly string _runId = Guid.NewGuid().ToString("N")[..12];
    private readonly SemaphoreSlim _appLock = new(1, 1);
    private NativeApp? _app;

    public AotConsumerFixture()
    {
        WorkDirectory = Path.Combine(Path.GetTempPath(), "aot-tests-" + _runId);
        Version = "0.0.0-aot.t" + _runId;
    }

    public string WorkDirectory { get; }

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The version the package is packed and consumed with.</summary>
    public string Version { get; }

    public static string RuntimeIdentifier => RuntimeInformation.RuntimeIdentifier;

    /// <summary>The publish that reports every warning in detail (<c>TrimmerSingleWarn=false</c>); its binary is run.</summary>
    public AotPublish Detailed { get; private set; } = null!;

    /// <summary>The publish with the default warning settings a package consumer has.</summary>
    public AotPublish Default { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        await PackAsync();
        Detailed = await PublishAsync("detailed", "-p:TrimmerSingleWarn=false");
        Default = await PublishAsync("default");
    }

    /// <summary>The native binary of <see cref="Detailed"/>, running on a free loopback port (started once).</summary>
    public async Task<NativeApp> GetRunningAppAsync()
    {
        await _appLock.WaitAsync();
        try
        {
            _app ??= await NativeApp.StartAsync(Detailed.ExecutablePath, Detailed.OutputDirectory);
            return _app;
        }
        finally
        {
            _appLock.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _appLock.Dispose();
        DeleteQuietly(WorkDirectory);
        DeleteQuietly(Path.Combine(GlobalPackagesFolder(), "corskit", Version));
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
            "-p:MinVerVersionOverride=" + Version,
            "--disable-build-servers",
            "-nodeReuse:false");
        result.ShouldSucceed();
        File.Exists(Path.Combine(FeedDirectory, $"CorsKit.{Version}.nupkg")).Should().BeTrue("the package is packed as version {0}", Version);
    }

    private string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    /// <summary>Builds (without publishing) a copy of the consumer app against the package.</summary>
    public async Task<BuiltApp> BuildAsync(string name, params string[] extraArguments)
    {
        var consumer = await CopyConsumerAsync("build-" + name);
        var output = Path.Combine(WorkDirectory, "build-" + name + "-out");
        var result = await ProcessRunner.RunDotnetAsync(
            consumer,
            PublishTimeout,
            [
                "build", Path.Combine(consumer, "CorsKit.AotConsumer.csproj"),
                "-c", "Release",
                "-o", output,
                "-p:CorsKitVersion=" + Version,
                "--disable-build-servers",
                "-nodeReuse:false",
                .. extraArguments,
            ]);
        result.ShouldSucceed();
        return new BuiltApp(output);
    }

    /// <summary>Restores a copy of the consumer app against the package and evaluates it (no build): the
    /// <c>RuntimeHostConfigurationOption</c> items the SDK would write to runtimeconfig.json and pass to the trimmer.</summary>
    public async Task<IReadOnlyList<RuntimeOption>> EvaluateRuntimeOptionsAsync(string name, params string[] extraArguments)
    {
        var consumer = await CopyConsumerAsync("evaluate-" + name);
        var project = Path.Combine(consumer, "CorsKit.AotConsumer.csproj");

        // A separate restore: 'msbuild -getItem' evaluates without restoring, even with -restore, and the package's
        // targets are imported only once the restore has written them into obj/.
        var restore = await ProcessRunner.RunDotnetAsync(
            consumer,
            PublishTimeout,
            ["restore", project, "-p:CorsKitVersion=" + Version, "--disable-build-servers", .. extraArguments]);
        restore.ShouldSucceed();

        var result = await ProcessRunner.RunDotnetAsync(
            consumer,
            PublishTimeout,
            [
                "msbuild", project,
                "-getItem:RuntimeHostConfigurationOption",
                "-p:Configuration=Release",
                "-p:CorsKitVersion=" + Version,
                "-nodeReuse:false",
                .. extraArguments,
            ]);
        result.ShouldSucceed();
        return RuntimeOption.Parse(result.Output);
    }

    private async Task<string> CopyConsumerAsync(string name)
    {
        var consumer = Path.Combine(WorkDirectory, name);
        CopyDirectory(Path.Combine(RepositoryRoot, "tests", "CorsKit.AotConsumer"), consumer);

        // The folder feed is added to the user's sources (the AOT compiler packages come from those); the unique version
        // exists only in the feed.
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="corskit-under-test" value="{FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        return consumer;
    }

    private async Task<AotPublish> PublishAsync(string name, params string[] extraArguments)
    {
        var consumer = await CopyConsumerAsync(name);
        var output = Path.Combine(WorkDirectory, name + "-out");
        var result = await ProcessRunner.RunDotnetAsync(
            consumer,
            PublishTimeout,
            [
                "publish", Path.Combine(consumer, "CorsKit.AotConsumer.csproj"),
                "-c", "Release",
                "-r", RuntimeIdentifier,
                "-o", output,
                "-p:CorsKitVersion=" + Version,
                "--disable-build-servers",
                "-nodeReuse:false",
                .. extraArguments,
            ]);
        result.ShouldSucceed(" (Native AOT needs clang and zlib1g-dev, installed by .ci/install)");

        var executable = Path.Combine(output, "CorsKit.AotConsumer" + (OperatingSystem.IsWindows() ? ".exe" : ""));
        File.Exists(executable).Should().BeTrue("the publish produces the native binary; its output was:{0}{1}", Environment.NewLine, result.Output);
        var mstat = Path.Combine(consumer, "obj", "Release", "net10.0", RuntimeIdentifier, "native", "CorsKit.AotConsumer.mstat");
        File.Exists(mstat).Should().BeTrue("the AOT compiler writes its size map (IlcGenerateMstatFile) to {0}", mstat);
        var intermediate = Path.Combine(consumer, "bin", "Release", "net10.0", RuntimeIdentifier);
        var ilcArguments = Path.Combine(consumer, "obj", "Release", "net10.0", RuntimeIdentifier, "native", "CorsKit.AotConsumer.ilc.rsp");
        return new AotPublish(result, output, executable, mstat, intermediate, ilcArguments);
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a file still locked by a just-killed process only leaves a folder behind.
        }
        catch (UnauthorizedAccessException)
        {
        }
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
            if (name is not ("bin" or "obj"))
            {
                CopyDirectory(directory, Path.Combine(target, name));
            }
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

/// <summary>One Native AOT publish of the consumer app: its output, the native binary, the compiler's size map, the
/// IL build the compiler started from, and the compiler's response file.</summary>
public sealed record AotPublish(
    CliResult Result, string OutputDirectory, string ExecutablePath, string MstatPath, string IntermediateAssemblyDirectory, string IlcResponseFile)
{
    public string Output => Result.Output;

    /// <summary>The arguments the AOT compiler (ILC) was called with, one per line.</summary>
    public IReadOnlyList<string> IlcArguments() => File.ReadAllLines(IlcResponseFile);
}

/// <summary>The tests that share one pack and publish.</summary>
[CollectionDefinition(Name)]
public sealed class AotConsumerTestGroup : ICollectionFixture<AotConsumerFixture>
{
    public const string Name = "AOT consumer";
}
