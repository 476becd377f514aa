using System.Diagnostics;
using System.Text;
using FluentAssertions;

namespace CorsKit.TestKit;

/// <summary>Runs child processes (the <c>dotnet</c> CLI that packs, builds and publishes consumers; the apps they
/// produce) with a time limit, capturing their output. Shared by the package and Native AOT tests.</summary>
public static class ProcessRunner
{
    /// <summary>The <c>dotnet</c> host that runs the tests (set by the SDK), so the same SDK packs and publishes.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs <c>dotnet</c> with the arguments and waits for it, within <paramref name="timeout"/>.</summary>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="timeout">How long it may take; the process tree is killed after that.</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The exit code and the combined output.</returns>
    public static async Task<CliResult> RunDotnetAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var output = new StringBuilder();
        using var process = Start(DotnetHost, workingDirectory, output, arguments);
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

        // WaitForExitAsync returns once the redirected streams are drained, so the output is complete here.
        return new CliResult(process.ExitCode, Read(output), "dotnet " + string.Join(' ', arguments));
    }

    /// <summary>Starts a process whose output is collected into <paramref name="output"/>; the caller stops it.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="output">Receives standard output and error, line by line.</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The running process.</returns>
    public static Process Start(string fileName, string workingDirectory, StringBuilder output, params string[] arguments)
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

        // The test host inherits MSBuild and test-platform settings from 'dotnet test'; a nested build must not.
        foreach (var key in startInfo.Environment.Keys
                     .Where(key => key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                         || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                     .ToList())
        {
            startInfo.Environment.Remove(key);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The output collected so far (safe while the process still writes).</summary>
    /// <param name="output">The collector.</param>
    /// <returns>The text.</returns>
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
}

/// <summary>The outcome of a finished <c>dotnet</c> command.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output and error, interleaved as written.</param>
/// <param name="CommandLine">The command, for messages.</param>
public sealed record CliResult(int ExitCode, string Output, string CommandLine)
{
    /// <summary>Fails the test unless the command succeeded, quoting its output.</summary>
    /// <param name="hint">Why it must succeed, appended to the message.</param>
    public void ShouldSucceed(string hint = "") =>
        ExitCode.Should().Be(0, "'{0}' must succeed{1}; its output was:{2}{3}", CommandLine, hint, Environment.NewLine, Output);
}
