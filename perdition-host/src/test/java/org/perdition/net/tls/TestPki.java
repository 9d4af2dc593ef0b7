package org.perdition.net.tls;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in the test with Bouncy Castle's X509v3CertificateBuilder: OpenSSL 3.0's
 * CLI cannot back-date a certificate (no -not_before before 3.4), and expired / not-yet-valid
 * certificates are what several tests need. Keys are EC P-256 (fast to make, both engines use them).
 */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(1000);
    static final Instant NOW = Instant.now();

    private TestPki() {
    }

    static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A CA (self-signed when issuer is null), valid now. */
    static Issued ca(String cn, Issued issuer) throws Exception {
        return issue(cn, issuer, true, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
    }

    /** A server certificate valid now. sans: "DNS:name" or "IP:addr". */
    static Issued server(String cn, Issued issuer, String... sans) throws Exception {
        return issue(cn, issuer, false, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), sans);
    }

    static Issued issue(String cn, Issued issuer, boolean ca, Instant notBefore, Instant notAfter, String... sans)
            throws Exception {
        KeyPair key = ecKey();
        X500Name subject = new X500Name("CN=" + cn);
        X500Name issuerName = issuer == null ? subject
                : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
        PrivateKey signer = issuer == null ? key.getPrivate() : issuer.key().getPrivate();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                subject, key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        if (sans.length > 0) {
            List<GeneralName> names = new ArrayList<>();
            for (String san : sans) {
                names.add(san.startsWith("IP:") ? new GeneralName(GeneralName.iPAddress, san.substring(3))
                        : new GeneralName(GeneralName.dNSName, san.substring(4)));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
        }
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        return new Issued(cert, key);
    }

    /** Writes PEM objects (certificates, keys) to a file. */
    static Path write(Path file, Object... objects) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                // PKCS#8 for keys: BC's writer turns a JDK EC key into an "EC PRIVATE KEY"
                // without the curve (the JDK's inner SEC1 omits it), which nothing can read back.
                pem.writeObject(o instanceof PrivateKey key ? new JcaPKCS8Generator(key, null).generate() : o);
            }
        }
        return file;
    }

    record Issued(X509Certificate cert, KeyPair key) {
    }
}
