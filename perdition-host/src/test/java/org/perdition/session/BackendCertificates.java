package org.perdition.session;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the back-end certificate failure cases, made with Bouncy Castle so that any
 * validity window can be set (OpenSSL 3's CLI cannot back-date). EC P-256 keys: quick to make.
 */
final class BackendCertificates {

    /** A certificate with its key; {@code chain} is what a server presents: this one, then its issuers below the root. */
    record Issued(X509Certificate certificate, KeyPair keys, List<X509Certificate> chain) {

        /** A TLS server context presenting {@link #chain}. */
        SSLContext serverContext() throws GeneralSecurityException, IOException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "changeit".toCharArray();
            store.setKeyEntry("server", keys.getPrivate(), password, chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, new SecureRandom());
            return context;
        }
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final Duration DAY = Duration.ofDays(1);

    private BackendCertificates() {
    }

    /** A self-signed CA, valid from yesterday to tomorrow. */
    static Issued root(String cn) throws Exception {
        KeyPair keys = keyPair();
        X509Certificate cert = build(cn, keys, cn, keys, Instant.now().minus(DAY), Instant.now().plus(DAY), true, null);
        return new Issued(cert, keys, List.of(cert));
    }

    /** A CA issued by {@code issuer}; its chain leaves out the root. */
    static Issued intermediate(Issued issuer, String cn) throws Exception {
        KeyPair keys = keyPair();
        X509Certificate cert = build(cn, keys, subject(issuer), issuer.keys(), Instant.now().minus(DAY),
                Instant.now().plus(DAY), true, null);
        return new Issued(cert, keys, chainBelow(cert, issuer));
    }

    /** A server certificate for {@code names} (IP literals become IP SANs), issued by {@code issuer}, or self-signed when null. */
    static Issued server(Issued issuer, Instant notBefore, Instant notAfter, String... names) throws Exception {
        KeyPair keys = keyPair();
        String cn = names[0];
        X509Certificate cert = issuer == null
                ? build(cn, keys, cn, keys, notBefore, notAfter, false, names)
                : build(cn, keys, subject(issuer), issuer.keys(), notBefore, notAfter, false, names);
        return new Issued(cert, keys, issuer == null ? List.of(cert) : chainBelow(cert, issuer));
    }

    /** The same, valid from yesterday to tomorrow. */
    static Issued server(Issued issuer, String... names) throws Exception {
        return server(issuer, Instant.now().minus(DAY), Instant.now().plus(DAY), names);
    }

    /** A PEM file of these certificates, for --ssl_ca_file. */
    static Path pem(Path file, X509Certificate... certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        }
        return Files.writeString(file, text.toString());
    }

    private static List<X509Certificate> chainBelow(X509Certificate cert, Issued issuer) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        boolean issuerIsRoot = issuer.certificate().getSubjectX500Principal()
                .equals(issuer.certificate().getIssuerX500Principal());
        if (!issuerIsRoot) {
            chain.addAll(issuer.chain());
        }
        return chain;
    }

    private static String subject(Issued issued) {
        return issued.certificate().getSubjectX500Principal().getName();
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate build(String subjectCn, KeyPair subjectKeys, String issuerName, KeyPair issuerKeys,
            Instant notBefore, Instant notAfter, boolean ca, String[] names)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        X500Name issuer = issuerName.contains("=") ? new X500Name(issuerName) : new X500Name("CN=" + issuerName);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                new X500Name("CN=" + subjectCn), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, ca
                ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (names != null) {
            GeneralName[] sans = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                boolean ip = names[i].matches("[0-9.]+");
                sans[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }
}
