using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CorsKit.Hosting;

/// <summary>
/// Reads CorsKit's configuration section into <see cref="CorsKitOptions"/>. The section is read by hand (not with the
/// reflection binder) so that every problem, including a misspelt key or a value of the wrong type, is reported with
/// its configuration path, all of them in one <see cref="CorsKitConfigurationException"/>.
/// </summary>
/// <remarks>
/// It never throws: the problems are recorded on the options and judged by <see cref="CorsKitOptionsValidator"/> at
/// startup (the app refuses to start) and by the policy store on reload (the last good policies stay). Throwing here
/// would escape from the options monitor's change callback, on a file watcher's thread, and take the process down.
/// </remarks>
/// <remarks>
/// Schema: <c>BlockRefusedCrossOriginWrites</c>, <c>AllowSameSiteWrites</c>, <c>IncludeRefusalReasonHeader</c>,
/// <c>DefaultPolicy</c> and
/// <c>Policies:&lt;name&gt;</c>; each policy has <c>Origins</c>, <c>Methods</c>, <c>Headers</c>, <c>ExposedHeaders</c>
/// (arrays, or one comma-separated string), <c>AllowCredentials</c>, <c>PreflightMaxAge</c> (seconds, or a TimeSpan
/// such as <c>00:10:00</c>), <c>PreflightSuccessStatusCode</c> and <c>DangerouslyAllowInsecureOriginsWithCredentials</c>.
/// </remarks>
internal sealed class CorsKitConfigurationBinder(IConfiguration section) : IConfigureOptions<CorsKitOptions>
{
    private static readonly HashSet<string> RootKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "BlockRefusedCrossOriginWrites", "AllowSameSiteWrites", "IncludeRefusalReasonHeader", "DefaultPolicy", "Policies",
    };

    private static readonly HashSet<string> PolicyKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Origins", "Methods", "Headers", "ExposedHeaders", "AllowCredentials", "PreflightMaxAge",
        "PreflightSuccessStatusCode", "DangerouslyAllowInsecureOriginsWithCredentials",
    };

    public IConfiguration Section { get; } = section;

    public void Configure(CorsKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<CorsKitConfigurationError>();
        var root = Section;
        if (root is IConfigurationSection { Value: null } section && !section.GetChildren().Any())
        {
            options.MissingConfigurationSections.Add(section.Path);
        }

        foreach (var child in root.GetChildren())
        {
            if (!RootKeys.Contains(child.Key))
            {
                errors.Add(Error(CorsKitSetting.Section, CorsKitProblem.UnknownKey, child.Path, null, UnknownKeyMessage("a CorsKit setting", child.Key, RootKeys)));
            }
        }

        if (ReadBool(root, "BlockRefusedCrossOriginWrites", errors) is { } block)
        {
            options.BlockRefusedCrossOriginWrites = block;
        }

        if (ReadBool(root, "AllowSameSiteWrites", errors) is { } sameSite)
        {
            options.AllowSameSiteWrites = sameSite;
        }

        if (ReadBool(root, "IncludeRefusalReasonHeader", errors) is { } reason)
        {
            options.IncludeRefusalReasonHeader = reason;
        }

        var defaultPolicy = root.GetSection("DefaultPolicy");
        if (defaultPolicy.Exists())
        {
            AddPolicy(options, name: null, defaultPolicy, errors);
        }

        foreach (var policy in root.GetSection("Policies").GetChildren())
        {
            AddPolicy(options, policy.Key, policy, errors);
        }

        options.ConfigurationErrors.AddRange(errors);
    }

    /// <param name="options">The options.</param>
    /// <param name="name">The policy name, or <see langword="null"/> for the default policy.</param>
    /// <param name="section">The policy's section.</param>
    /// <param name="errors">Where problems go.</param>
    private static void AddPolicy(CorsKitOptions options, string? name, IConfigurationSection section, List<CorsKitConfigurationError> errors)
    {
        foreach (var child in section.GetChildren())
        {
            if (!PolicyKeys.Contains(child.Key))
            {
                errors.Add(Error(CorsKitSetting.Section, CorsKitProblem.UnknownKey, child.Path, null, UnknownKeyMessage("a policy setting", child.Key, PolicyKeys)));
            }
        }

        var origins = ReadList(section, "Origins");
        var methods = ReadList(section, "Methods");
        var headers = ReadList(section, "Headers");
        var exposed = ReadList(section, "ExposedHeaders");
        var builder = new CorsKitPolicyBuilder()
            .WithOrigins([.. origins.Select(o => o.Value)])
            .WithMethods([.. methods.Select(m => m.Value)])
            .WithHeaders([.. headers.Select(h => h.Value)])
            .WithExposedHeaders([.. exposed.Select(h => h.Value)]);
        if (ReadBool(section, "AllowCredentials", errors) == true)
        {
            builder.AllowCredentials();
        }

        if (ReadBool(section, "DangerouslyAllowInsecureOriginsWithCredentials", errors) == true)
        {
            builder.DangerouslyAllowInsecureOriginsWithCredentials();
        }

        if (ReadMaxAge(section, errors) is { } maxAge)
        {
            builder.SetPreflightMaxAge(maxAge);
        }

        if (ReadInt(section, "PreflightSuccessStatusCode", errors) is { } status)
        {
            builder.SetPreflightSuccessStatusCode(status);
        }

        try
        {
            var policy = builder.Build(name ?? CorsKitOptions.DefaultPolicyDisplayName);
            if (name is null)
            {
                options.AddDefaultPolicy(policy);
            }
            else
            {
                options.AddPolicy(name, policy);
            }
        }
        catch (CorsKitConfigurationException exception)
        {
            foreach (var error in exception.Errors)
            {
                var items = error.Setting switch
                {
                    CorsKitSetting.Origins => origins,
                    CorsKitSetting.Methods => methods,
                    CorsKitSetting.Headers => headers,
                    CorsKitSetting.ExposedHeaders => exposed,
                    _ => null,
                };
                var path = items is not null && error.Index is { } i && i < items.Count
                    ? items[i].Path
                    : section.Path + ":" + (error.Setting == CorsKitSetting.Credentials ? "AllowCredentials" : error.Setting.ToString());
                errors.Add(new CorsKitConfigurationError(error.Setting, error.Problem, error.Index, error.Value, InFileTerms(error.Message))
                    .WithPolicy(error.PolicyName).AtPath(path));
            }
        }
    }

    /// <summary>An array section, or one comma-separated string (handy in environment variables).</summary>
    private static List<(string Value, string Path)> ReadList(IConfigurationSection policy, string key)
    {
        var section = policy.GetSection(key);
        if (section.Value is { } scalar)
        {
            return [.. scalar.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => (v, section.Path))];
        }

        return [.. section.GetChildren().Select(c => (c.Value ?? string.Empty, c.Path))];
    }

    private static bool? ReadBool(IConfiguration section, string key, List<CorsKitConfigurationError> errors)
    {
        var child = section.GetSection(key);
        if (child.Value is null)
        {
            return null;
        }

        if (bool.TryParse(child.Value, out var value))
        {
            return value;
        }

        errors.Add(Error(SettingOf(key), CorsKitProblem.Malformed, child.Path, child.Value, "is not a boolean; use true or false"));
        return null;
    }

    private static int? ReadInt(IConfigurationSection section, string key, List<CorsKitConfigurationError> errors)
    {
        var child = section.GetSection(key);
        if (child.Value is null)
        {
            return null;
        }

        if (int.TryParse(child.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(Error(SettingOf(key), CorsKitProblem.Malformed, child.Path, child.Value, "is not a whole number"));
        return null;
    }

    private static TimeSpan? ReadMaxAge(IConfigurationSection section, List<CorsKitConfigurationError> errors)
    {
        var child = section.GetSection("PreflightMaxAge");
        if (child.Value is null)
        {
            return null;
        }

        // Ten years is far beyond any browser's cap (Chromium 2 hours, Firefox 24 hours) and far from TimeSpan overflow.
        const long MaxSeconds = 10L * 365 * 24 * 60 * 60;
        if (long.TryParse(child.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds is >= -MaxSeconds and <= MaxSeconds)
            {
                // Negative values reach the policy builder, which reports them with its own message.
                return TimeSpan.FromSeconds(seconds);
            }

            errors.Add(Error(CorsKitSetting.PreflightMaxAge, CorsKitProblem.OutOfRange, child.Path, child.Value, "is out of range; give at most 315360000 seconds (browsers cap it at hours anyway)"));
            return null;
        }

        // Only the "[-][d.]hh:mm:ss[.fffffff]" form: a bare "1.5" must not silently mean one day and five hours.
        if (child.Value.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParseExact(child.Value, "c", CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        errors.Add(Error(CorsKitSetting.PreflightMaxAge, CorsKitProblem.Malformed, child.Path, child.Value, "is not a duration; give whole seconds (600) or a TimeSpan (00:10:00)"));
        return null;
    }

    private static CorsKitConfigurationError Error(CorsKitSetting setting, CorsKitProblem problem, string path, string? value, string message) =>
        new CorsKitConfigurationError(setting, problem, null, value, message).AtPath(path);

    private static CorsKitSetting SettingOf(string key) => key switch
    {
        "AllowCredentials" or "DangerouslyAllowInsecureOriginsWithCredentials" => CorsKitSetting.Credentials,
        "PreflightSuccessStatusCode" => CorsKitSetting.PreflightSuccessStatusCode,
        _ => CorsKitSetting.Section,
    };

    // A misspelt key is the most common configuration mistake: name the closest valid key when one is close enough.
    private static string UnknownKeyMessage(string what, string key, IEnumerable<string> validKeys)
    {
        var closest = validKeys
            .Select(valid => (Key: valid, Distance: EditDistance(key.ToUpperInvariant(), valid.ToUpperInvariant())))
            .OrderBy(candidate => candidate.Distance)
            .First();
        var suggestion = closest.Distance <= Math.Max(2, closest.Key.Length / 4) ? $"did you mean '{closest.Key}'? " : string.Empty;
        return $"is not {what}; {suggestion}Expected one of {string.Join(", ", validKeys)}";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    // The builder's messages name its methods; someone editing appsettings.json needs the keys of the file instead.
    private static string InFileTerms(string message) => message
        .Replace("call WithOrigins(), AllowAnyOrigin() or SetIsOriginAllowed()", "list them in \"Origins\" (\"*\" allows any origin)", StringComparison.Ordinal)
        .Replace("AllowAnyOrigin() cannot be combined with AllowCredentials()", "\"*\" in \"Origins\" cannot be combined with \"AllowCredentials\": true", StringComparison.Ordinal)
        .Replace("List the trusted origins with WithOrigins()", "List the trusted origins in \"Origins\"", StringComparison.Ordinal)
        .Replace("call DangerouslyAllowInsecureOriginsWithCredentials()", "set \"DangerouslyAllowInsecureOriginsWithCredentials\": true", StringComparison.Ordinal)
        .Replace("use TimeSpan.Zero to disable preflight caching", "use 0 to disable preflight caching", StringComparison.Ordinal);
}
