using System.CommandLine;
using CorsKit.Tool.Check;
using CorsKit.Tool.Probe;

namespace CorsKit.Tool;

/// <summary>The <c>corskit</c> command line: <c>probe</c> and <c>check</c>.</summary>
internal static class CorsKitCli
{
    /// <summary>Parses and runs a command line; never lets an exception (or a stack trace) escape.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Results (stdout).</param>
    /// <param name="error">Progress and errors (stderr).</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("corskit: the browser's CORS verdict from the command line.")
        {
            ProbeCommand.Create(output, error),
            CheckCommand.Create(output, error),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync("corskit: " + problem.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'corskit --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageOrNetworkError;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The tool's promise: a clear one-line error and exit code 2, never a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"corskit: unexpected error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrNetworkError;
        }
    }
}
