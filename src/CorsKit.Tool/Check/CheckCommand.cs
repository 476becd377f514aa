using System.CommandLine;

namespace CorsKit.Tool.Check;

/// <summary><c>corskit check FILE [--section NAME]</c>.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "A JSON configuration file, e.g. appsettings.json." };
        var section = new Option<string>("--section", "-s")
        {
            Description = "The configuration section that holds CorsKit's settings (default CorsKit; nested as Parent:CorsKit).",
            DefaultValueFactory = _ => "CorsKit",
        };
        var command = new Command("check", "Validate a CorsKit configuration file with the library's own validation.") { file, section };
        command.SetAction((parsed, cancellationToken) =>
            new ConfigurationCheck(output, error).RunAsync(parsed.GetValue(file)!, parsed.GetValue(section)!, cancellationToken));
        return command;
    }
}
