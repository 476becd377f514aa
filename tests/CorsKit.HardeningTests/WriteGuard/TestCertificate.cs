using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CorsKit.HardeningTests.WriteGuard;

/// <summary>
/// A throw-away self-signed certificate for <c>*.example.test</c> and <c>*.attacker.test</c>, made in memory for one test run. Browsers send Fetch
/// Metadata (<c>Sec-Fetch-Site</c>) only to potentially trustworthy URLs, so the guard's browser tests serve HTTPS;
/// Chromium is told to accept the certificate (<c>--ignore-certificate-errors</c>), nothing is installed in a store.
/// </summary>
internal static class TestCertificate
{
    private static readonly Lazy<X509Certificate2> Shared = new(Create);

    public static X509Certificate2 ExampleTest => Shared.Value;

    private static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=example.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("example.test");
        names.AddDnsName("*.example.test");
        names.AddDnsName("*.attacker.test");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Kestrel needs the private key in a form the platform's TLS stack can use: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
