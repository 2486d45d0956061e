using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Harness.MockServer.Hosting;

/// <summary>
/// The self-signed certificate <c>--https</c> serves, made at start-up for 127.0.0.1 and localhost and written
/// as PEM so a client can trust exactly it (<c>curl --cacert PATH</c>) rather than turning verification off.
/// Nothing is installed in a trust store; a new run makes a new certificate.
/// </summary>
public sealed class DevelopmentCertificate : IDisposable
{
    private DevelopmentCertificate(X509Certificate2 certificate, string path)
    {
        Certificate = certificate;
        Path = path;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Where the public certificate (PEM, no key) was written.</summary>
    public string Path { get; }

    /// <summary>SHA-256 of the certificate, as browsers and <c>openssl x509 -fingerprint -sha256</c> show it.</summary>
    public string Fingerprint => Convert.ToHexString(Certificate.GetCertHash(HashAlgorithmName.SHA256));

    /// <summary>Makes the certificate (valid from a day ago for 30 days, by the real clock: TLS peers check it) and writes its PEM into <paramref name="folder"/>.</summary>
    public static DevelopmentCertificate Create(string host, string folder, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Refresh Harness mock (development)", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (IPAddress.TryParse(host, out var bound) && !IPAddress.IsLoopback(bound) && !bound.Equals(IPAddress.Any)) names.AddIpAddress(bound);
        request.CertificateExtensions.Add(names.Build());
        // Its own trust anchor: CA so OpenSSL (curl --cacert) takes it as one, and serverAuth for TLS servers.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $"refresh-harness-mock-{Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256))[..16].ToLowerInvariant()}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
        return new DevelopmentCertificate(certificate, path);
    }

    /// <summary>Whether a server presented this very certificate: what a test's HttpClient trusts instead of a CA store.</summary>
    public bool IsThis(X509Certificate? presented) =>
        presented is not null && presented.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(Certificate.GetCertHash(HashAlgorithmName.SHA256));

    public void Dispose() => Certificate.Dispose();
}
