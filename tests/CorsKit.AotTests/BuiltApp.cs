using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;

namespace CorsKit.AotTests;

/// <summary>What a (JIT) build of the consumer app contains: the run-time settings the SDK wrote into its
/// runtimeconfig.json and the MVC application parts compiled into its assembly.</summary>
public sealed class BuiltApp(string outputDirectory)
{
    private const string SwitchName = "CorsKit.CorsKitMvcIntegration.IsSupported";

    /// <summary>The value of CorsKit's MVC feature switch in runtimeconfig.json, or <see langword="null"/> when the
    /// build leaves it unset (then <c>CorsKitMvcIntegration.IsSupported</c> is true).</summary>
    public bool? MvcIntegrationSwitch()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(outputDirectory, "CorsKit.AotConsumer.runtimeconfig.json")));
        return config.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty(SwitchName, out var value)
                ? value.GetBoolean()
                : null;
    }

    /// <summary>The assembly names of the app's <c>[assembly: ApplicationPart("...")]</c> attributes.</summary>
    public IReadOnlyList<string> MvcApplicationParts()
    {
        using var pe = new PEReader(File.OpenRead(Path.Combine(outputDirectory, "CorsKit.AotConsumer.dll")));
        var reader = pe.GetMetadataReader();
        var parts = new List<string>();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var parent = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            if (parent.Kind != HandleKind.TypeReference
                || reader.GetString(reader.GetTypeReference((TypeReferenceHandle)parent).Name) != "ApplicationPartAttribute")
            {
                continue;
            }

            // Custom attribute blob: prolog 0x0001, then the constructor's one string argument.
            var blob = reader.GetBlobReader(attribute.Value);
            blob.ReadUInt16();
            parts.Add(blob.ReadSerializedString() ?? "");
        }

        return parts;
    }
}
