using System.Reflection;
using System.Runtime.Loader;

namespace CorsKit.Benchmarks.SideBySide;

/// <summary>
/// Loads one build of the benchmark suite and the CorsKit it was built with, apart from every other build in the
/// process. The ASP.NET Core shared framework (and anything else the default context can load) is shared, so each build
/// runs on the same framework code and only CorsKit and the suite differ.
/// </summary>
internal sealed class BuildLoadContext(string directory) : AssemblyLoadContext($"build {directory}")
{
    public static Assembly LoadSuite(string directory)
    {
        var suite = Path.Combine(directory, "CorsKit.Benchmarks.dll");
        if (!File.Exists(suite))
        {
            throw new FileNotFoundException($"No benchmark build in '{directory}': build tests/CorsKit.Benchmarks -c Release there first.", suite);
        }

        return new BuildLoadContext(directory).LoadFromAssemblyPath(suite);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // CorsKit and the suite come from the build's own folder; framework and shared packages from the default context.
        var isBuildOwn = assemblyName.Name is "CorsKit" or "CorsKit.Benchmarks";
        var file = Path.Combine(directory, assemblyName.Name + ".dll");
        return isBuildOwn && File.Exists(file) ? LoadFromAssemblyPath(file) : null;
    }
}
