using System.IO.Compression;
using System.Xml.Linq;

namespace CorsKit.Tool.Tests;

/// <summary>
/// Does what a user does, once for all tests: packs src/CorsKit.Tool into a fresh folder feed and installs it with
/// <c>dotnet tool install --tool-path</c> from that feed alone (a nuget.config with only the folder: no network).
/// </summary>
public sealed class InstalledToolFixture : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "corskit-tool-tests-" + Guid.NewGuid().ToString("N"));

    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    public string ToolDirectory => Path.Combine(WorkDirectory, "tools");

    /// <summary>The installed command.</summary>
    public string CommandPath => Path.Combine(ToolDirectory, OperatingSystem.IsWindows() ? "corskit.exe" : "corskit");

    public string Version { get; private set; } = "";

    public string PackagePath { get; private set; } = "";

    public string InstallOutput { get; private set; } = "";

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CorsKit.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("CorsKit.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(FeedDirectory);

        // Build outputs go to the temporary folder (artifacts layout) so the pack never shares obj folders with a
        // build running at the same time.
        var pack = await ToolProcess.RunAsync(ToolProcess.DotnetHost, RepositoryRoot, PackTimeout,
            "pack", Path.Combine(RepositoryRoot, "src", "CorsKit.Tool", "CorsKit.Tool.csproj"),
            "-c", "Release",
            "-o", FeedDirectory,
            "-p:UseArtifactsOutput=true",
            "-p:ArtifactsPath=" + Path.Combine(WorkDirectory, "artifacts"),
            "--disable-build-servers",
            "-nodeReuse:false");
        pack.ShouldExitWith(0);
        PackagePath = Directory.GetFiles(FeedDirectory, "CorsKit.Tool.*.nupkg").Should().ContainSingle().Subject;
        Version = ReadVersion(PackagePath);

        var config = Path.Combine(WorkDirectory, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        // Its own package folder: a tool of the same version packed earlier (same commit, other code) must never be
        // taken from the global NuGet cache instead of the one just packed.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(WorkDirectory, "packages") };
        var install = await ToolProcess.RunAsync(ToolProcess.DotnetHost, WorkDirectory, PackTimeout, environment,
            "tool", "install", "CorsKit.Tool", "--tool-path", ToolDirectory, "--version", Version, "--configfile", config);
        install.ShouldExitWith(0);
        InstallOutput = install.Output;
    }

    /// <summary>Runs the installed <c>corskit</c>.</summary>
    public Task<ToolResult> RunAsync(params string[] arguments) =>
        ToolProcess.RunAsync(CommandPath, WorkDirectory, TimeSpan.FromMinutes(1), arguments);

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: leaves a folder in the temp directory.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    private static string ReadVersion(string packagePath)
    {
        using var package = ZipFile.OpenRead(packagePath);
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = nuspec.Open();
        var root = XDocument.Load(stream).Root!;
        return root.Element(root.Name.Namespace + "metadata")!.Element(root.Name.Namespace + "version")!.Value;
    }
}

[CollectionDefinition(Name)]
public sealed class InstalledToolGroup : ICollectionFixture<InstalledToolFixture>
{
    public const string Name = "installed corskit tool";
}
