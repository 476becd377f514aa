using Microsoft.Extensions.Options;

namespace CorsKit.DynamicOrigins;

/// <summary>Refuses to start with origin-source options that would disable the cache, the budget or the timeout.</summary>
internal sealed class CorsKitOriginSourceOptionsValidator : IValidateOptions<CorsKitOriginSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsKitOriginSourceOptions options)
    {
        var errors = new List<string>();
        if (options.CacheSize < 1)
        {
            errors.Add($"CorsKitOriginSourceOptions.CacheSize is {options.CacheSize}; it must be at least 1.");
        }

        Positive(options.AllowedLifetime, nameof(options.AllowedLifetime), errors);
        Positive(options.RefusedLifetime, nameof(options.RefusedLifetime), errors);
        Positive(options.LookupTimeout, nameof(options.LookupTimeout), errors);
        Positive(options.FailureLogInterval, nameof(options.FailureLogInterval), errors);
        if (!(options.LookupsPerSecond > 0) || double.IsInfinity(options.LookupsPerSecond))
        {
            errors.Add($"CorsKitOriginSourceOptions.LookupsPerSecond is {options.LookupsPerSecond}; it must be a positive, finite rate (the budget is what keeps a flood of origins off your database).");
        }

        if (options.LookupBurst < 1)
        {
            errors.Add($"CorsKitOriginSourceOptions.LookupBurst is {options.LookupBurst}; it must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(TimeSpan value, string name, List<string> errors)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            errors.Add($"CorsKitOriginSourceOptions.{name} is {value}; it must be more than zero and at most one day.");
        }
    }
}
