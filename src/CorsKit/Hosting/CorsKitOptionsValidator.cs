using Microsoft.Extensions.Options;

namespace CorsKit.Hosting;

/// <summary>
/// Refuses to let the application start with an invalid configuration section, throwing the
/// <see cref="CorsKitConfigurationException"/> that lists every problem with its path. Once a valid configuration has
/// been accepted, later instances (reloads) are left to the policy store, which keeps the last good policies and logs
/// why: an exception from a reload would escape the options monitor's change callback.
/// </summary>
internal sealed class CorsKitOptionsValidator : IValidateOptions<CorsKitOptions>
{
    private int _accepted;

    public ValidateOptionsResult Validate(string? name, CorsKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ConfigurationErrors.Count == 0)
        {
            Interlocked.Exchange(ref _accepted, 1);
            return ValidateOptionsResult.Success;
        }

        if (Volatile.Read(ref _accepted) == 0)
        {
            throw new CorsKitConfigurationException([.. options.ConfigurationErrors]);
        }

        return ValidateOptionsResult.Skip;
    }
}
