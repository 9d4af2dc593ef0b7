package org.perdition.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway self-signed certificate made with openssl (CN and DNS SAN {@code localhost}, IP SAN
 * 127.0.0.1): PEM files for the proxy's {@code --ssl_cert_file}/{@code --ssl_key_file}, and a
 * Java server context for scripted TLS back-ends. Skips the test when openssl is missing.
 */
public record TestCertificate(Path cert, Path key, Path pkcs12) {

    private static final String P12_PASSWORD = "changeit";

    public static TestCertificate create(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path cert = dir.resolve("test-cert.pem");
        Path key = dir.resolve("test-key.pem");
        Path p12 = dir.resolve("test.p12");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString());
        run(dir, "openssl", "pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(),
                "-out", p12.toString(), "-passout", "pass:" + P12_PASSWORD);
        return new TestCertificate(cert, key, p12);
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = dir.resolve("openssl-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + Files.readString(log));
        }
    }

    /** A TLS server context presenting this certificate. */
    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, P12_PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, P12_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    /** A client context that accepts any server certificate: tests check the proxy, not PKI. */
    public static SSLContext trustingClientContext() throws GeneralSecurityException {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        return context;
    }
}
