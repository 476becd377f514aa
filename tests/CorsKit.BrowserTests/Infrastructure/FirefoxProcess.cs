using System.Diagnostics;
using System.Text;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// A headless <c>firefox-esr</c> with a fresh profile, listening for WebDriver BiDi on a port it picks itself. The
/// process is always killed and the profile deleted on dispose, however the start-up went.
/// </summary>
internal sealed class FirefoxProcess : IDisposable
{
    private const string ListeningMarker = "WebDriver BiDi listening on ";

    private readonly Process _process;
    private readonly string _profile;

    private FirefoxProcess(Process process, string profile, string webSocketUrl)
    {
        _process = process;
        _profile = profile;
        WebSocketUrl = webSocketUrl;
    }

    /// <summary>The BiDi session endpoint, e.g. <c>ws://127.0.0.1:41234/session</c>.</summary>
    public string WebSocketUrl { get; }

    /// <summary>Starts Firefox and waits, at most <see cref="Firefox.StartupTimeout"/>, until its BiDi port is open.</summary>
    /// <returns>The running process.</returns>
    public static async Task<FirefoxProcess> StartAsync()
    {
        var profile = Directory.CreateTempSubdirectory("corskit-firefox-").FullName;
        await File.WriteAllTextAsync(Path.Combine(profile, "user.js"), Firefox.UserPreferences());

        var startInfo = new ProcessStartInfo(Firefox.ExecutablePath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "--headless", "--no-remote", "--remote-debugging-port=0", "--profile", profile })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["MOZ_DISABLE_NONLOCAL_CONNECTIONS"] = "1";
        startInfo.Environment["MOZ_CRASHREPORTER_DISABLE"] = "1";

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{Firefox.ExecutablePath} did not start.");
        }
        catch
        {
            DeleteProfile(profile);
            throw;
        }

        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not { } line)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            var marker = line.IndexOf(ListeningMarker, StringComparison.Ordinal);
            if (marker >= 0)
            {
                listening.TrySetResult(line[(marker + ListeningMarker.Length)..].Trim() + "/session");
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var started = await Task.WhenAny(listening.Task, exited, Task.Delay(Firefox.StartupTimeout));
        if (started != listening.Task)
        {
            var why = started == exited ? $"exited with code {process.ExitCode}" : $"did not open its WebDriver BiDi port within {Firefox.StartupTimeout.TotalSeconds:0} s";
            Stop(process, profile);
            string printed;
            lock (output)
            {
                printed = output.ToString();
            }

            throw new InvalidOperationException($"{Firefox.ExecutablePath} {why}. It printed:\n{printed}");
        }

        return new FirefoxProcess(process, profile, await listening.Task);
    }

    public void Dispose() => Stop(_process, _profile);

    private static void Stop(Process process, string profile)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
        DeleteProfile(profile);
    }

    // Firefox's child processes may still hold files for a moment after the kill.
    private static void DeleteProfile(string profile)
    {
        for (var attempt = 0; attempt < 10 && Directory.Exists(profile); attempt++)
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
