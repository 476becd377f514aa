using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CorsKit.Tool.Check;

/// <summary>
/// Binds the section exactly as an application does (<c>AddCorsKit(IConfiguration)</c>) and builds the options, so
/// the problems printed are the library's own, each with its configuration path.
/// </summary>
internal sealed class ConfigurationCheck(TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(FileInfo file, string sectionName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!file.Exists)
        {
            await error.WriteLineAsync($"corskit check: the file '{file.FullName}' does not exist.").ConfigureAwait(false);
            return ExitCodes.UsageOrNetworkError;
        }

        IConfigurationRoot configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddJsonFile(file.FullName, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or JsonException)
        {
            await output.WriteLineAsync($"{file.Name}: not valid JSON: {(exception.InnerException ?? exception).Message}").ConfigureAwait(false);
            return ExitCodes.Refused;
        }

        var section = configuration.GetSection(sectionName);
        if (!section.Exists())
        {
            await output.WriteLineAsync($"{file.Name}: there is no '{sectionName}' section (use --section to name another one).").ConfigureAwait(false);
            return ExitCodes.Refused;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCorsKit(section);
        await using var provider = services.BuildServiceProvider();
        try
        {
            var options = provider.GetRequiredService<IOptions<CorsKitOptions>>().Value;
            _ = options;
        }
        catch (CorsKitConfigurationException exception)
        {
            var noun = exception.Errors.Count == 1 ? "problem" : "problems";
            await output.WriteLineAsync($"{file.Name}: the '{sectionName}' section is invalid ({exception.Errors.Count} {noun}):").ConfigureAwait(false);
            foreach (var problem in exception.Errors)
            {
                await output.WriteLineAsync(" - " + problem).ConfigureAwait(false);
            }

            return ExitCodes.Refused;
        }

        await output.WriteLineAsync($"{file.Name}: the '{sectionName}' section is a valid CorsKit configuration.").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
