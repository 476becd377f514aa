using System.Diagnostics;
using System.Text;

namespace CorsKit.Tool.Tests;

/// <summary>Runs a program as a child process with a time limit, capturing stdout and stderr separately.</summary>
internal static class ToolProcess
{
    /// <summary>The <c>dotnet</c> host that runs the tests (set by the SDK), so the same SDK packs and installs.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static Task<ToolResult> RunAsync(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunAsync(fileName, workingDirectory, timeout, new Dictionary<string, string>(), arguments);

    public static async Task<ToolResult> RunAsync(string fileName, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // A nested build or tool must not inherit the test host's MSBuild and test-platform settings.
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // The installed tool's apphost finds the runtime through DOTNET_ROOT: the one running these tests.
        startInfo.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(Path.GetFullPath(DotnetHost == "dotnet" ? ResolveOnPath("dotnet") : DotnetHost))!;

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {timeout}. Output: {Read(output)} {Read(error)}");
        }

        process.WaitForExit();
        return new ToolResult(process.ExitCode, Read(output), Read(error), fileName + " " + string.Join(' ', arguments));
    }

    private static string ResolveOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .Select(path => File.Exists(path) ? new FileInfo(path).LinkTarget is { } target ? Path.GetFullPath(target, Path.GetDirectoryName(path)!) : path : null)
            .FirstOrDefault(path => path is not null) ?? name;

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}

/// <summary>A finished process.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error, string CommandLine)
{
    public override string ToString() => $"{CommandLine} exited {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Output}stderr:{Environment.NewLine}{Error}";

    public void ShouldExitWith(int code) => ExitCode.Should().Be(code, "of the run: {0}", this);
}
