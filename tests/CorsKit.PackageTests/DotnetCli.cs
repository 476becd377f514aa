using System.Diagnostics;
using System.Text;

namespace CorsKit.PackageTests;

/// <summary>Runs the <c>dotnet</c> CLI as a child process with a time limit, capturing its output.</summary>
internal static class DotnetCli
{
    /// <summary>The <c>dotnet</c> host that runs the tests (set by the SDK), so the same SDK packs and builds.</summary>
    public static string HostPath =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static async Task<CliResult> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        using var process = new Process { StartInfo = CreateStartInfo(workingDirectory, arguments) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
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
            throw new TimeoutException($"'dotnet {string.Join(' ', arguments)}' did not finish within {timeout}. Output:{Environment.NewLine}{Read(output)}");
        }

        return new CliResult(process.ExitCode, Read(output), "dotnet " + string.Join(' ', arguments));
    }

    /// <summary>Starts a long-running process (the consumer app); the caller stops it.</summary>
    public static Process Start(string workingDirectory, StringBuilder output, params string[] arguments)
    {
        var process = new Process { StartInfo = CreateStartInfo(workingDirectory, arguments) };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static ProcessStartInfo CreateStartInfo(string workingDirectory, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(HostPath)
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

        // The test host inherits MSBuild and test-platform settings from 'dotnet test'; a nested build must not.
        var inherited = startInfo.Environment.Keys
            .Where(key => key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            .ToList();
        foreach (var key in inherited)
        {
            startInfo.Environment.Remove(key);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        return startInfo;
    }
}

/// <summary>The outcome of a finished <c>dotnet</c> command.</summary>
internal sealed record CliResult(int ExitCode, string Output, string CommandLine)
{
    public void ShouldSucceed() =>
        ExitCode.Should().Be(0, "'{0}' must succeed; its output was:{1}{2}", CommandLine, Environment.NewLine, Output);
}
