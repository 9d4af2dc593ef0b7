package org.perdition.net.tls;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * CA certificates from --ssl_ca_file (a PEM bundle), --ssl_ca_path (a hashed directory such as
 * /etc/ssl/certs) and, for the listen side, --ssl_ca_chain_file (spec §1.2: perdition loads it
 * as a CA file into the listening context's verify store).
 */
public final class TrustAnchors {

    /** perdition's compiled-in --ssl_ca_path; a missing one is not an error, an explicit one is. */
    public static final String DEFAULT_CA_PATH = "/etc/perdition/perdition.ca/";

    /** c_rehash names: 8 hex digits, ".", digits (".rN" are CRLs and are not certificates). */
    private static final Pattern HASH_NAME = Pattern.compile("[0-9a-fA-F]{8}\\.[0-9]+");

    private TrustAnchors() {
    }

    /** Certificates from a PEM bundle; "option" names the option in errors. */
    public static List<X509Certificate> fromFile(String option, String file) throws TlsConfigException {
        if (file == null) {
            return List.of();
        }
        Path path = Path.of(file);
        List<X509Certificate> certs = PemFiles.certificates(PemFiles.readAll(path, option), path, option);
        if (certs.isEmpty()) {
            throw new TlsConfigException("cannot read " + option + " " + path + ": no certificate found", null);
        }
        return certs;
    }

    /** Every *.pem, *.crt or hash-named file in the directory that parses as certificates. */
    public static List<X509Certificate> fromDirectory(String dir) throws TlsConfigException {
        if (dir == null) {
            return List.of();
        }
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            if (Path.of(DEFAULT_CA_PATH).equals(path)) {
                return List.of(); // the compiled-in default need not exist
            }
            throw new TlsConfigException("cannot read --ssl_ca_path " + dir + ": not a directory", null);
        }
        Set<X509Certificate> certs = new LinkedHashSet<>(); // c_rehash links duplicate files
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!(name.endsWith(".pem") || name.endsWith(".crt") || HASH_NAME.matcher(name).matches())
                        || !Files.isRegularFile(entry)) {
                    continue;
                }
                try {
                    certs.addAll(PemFiles.certificates(PemFiles.readAll(entry, "CA"), entry, "CA"));
                } catch (TlsConfigException unreadable) {
                    // OpenSSL's hashed lookup skips what it cannot parse; so do we.
                }
            }
        } catch (IOException e) {
            throw new TlsConfigException("cannot read --ssl_ca_path " + dir + ": " + PemFiles.reason(e), e);
        }
        return new ArrayList<>(certs);
    }

    /** The JDK's default trust store (cacerts), used when no CA is configured. */
    public static List<X509Certificate> jdkDefault() throws TlsConfigException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return List.of(x509.getAcceptedIssuers());
                }
            }
            return List.of();
        } catch (Exception e) {
            throw new TlsConfigException("cannot load the JDK default trust store: " + e.getMessage(), e);
        }
    }
}
