using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace CorsKit.Analyzers.Tests;

/// <summary>
/// What the test compilations reference: the installed SDK's reference packs (Microsoft.NETCore.App.Ref and
/// Microsoft.AspNetCore.App.Ref) found next to the running runtime, plus the CorsKit assembly under test. The testing
/// framework would otherwise download reference assemblies from NuGet; these tests touch no network.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(Load);

    /// <summary>An empty reference-assembly set: nothing to resolve, so nothing is fetched.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> Assemblies => All.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var references = new List<MetadataReference>();
        foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
        {
            var directory = RefDirectory(Path.Combine(dotnetRoot, "packs", pack));
            references.AddRange(Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal)
                .Select(path => MetadataReference.CreateFromFile(path)));
        }

        references.Add(MetadataReference.CreateFromFile(typeof(CorsKitPolicyBuilder).Assembly.Location));
        return [.. references];
    }

    /// <summary>The pack's <c>ref/net10.0</c> folder, for the version of the running runtime when the SDK has it,
    /// else the newest 10.0 pack installed.</summary>
    private static string RefDirectory(string packRoot)
    {
        if (!Directory.Exists(packRoot))
        {
            throw new InvalidOperationException($"The reference pack folder {packRoot} does not exist; the tests need a .NET 10 SDK (not only a runtime).");
        }

        var runtimeVersion = RuntimeInformation.FrameworkDescription.Split(' ').Last();
        var candidates = Directory.GetDirectories(packRoot)
            .Select(d => (Directory: Path.Combine(d, "ref", "net10.0"), Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
            .Where(c => c.Version is { Major: 10 } && Directory.Exists(c.Directory))
            .OrderByDescending(c => c.Version)
            .ToList();
        var exact = candidates.FirstOrDefault(c => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(c.Directory))) == runtimeVersion);
        return exact.Directory ?? candidates.FirstOrDefault().Directory
            ?? throw new InvalidOperationException($"No 10.0 reference pack with ref/net10.0 under {packRoot}.");
    }
}
