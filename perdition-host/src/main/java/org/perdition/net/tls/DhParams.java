package org.perdition.net.tls;

import io.netty.handler.ssl.SslProvider;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import org.bouncycastle.asn1.pkcs.DHParameter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.perdition.log.Log;

/**
 * --ssl_dh_params_file (spec §1.2): PEM "DH PARAMETERS" (PKCS#3: SEQUENCE { p, g }).
 *
 * <p>JDK engine: the group becomes the Security property
 * {@value #JDK_PROPERTY} ("{p-hex,g-hex}"). That property is PROCESS-WIDE and the JDK reads it
 * once, when its DHE code is first used, so it must be set before the first TLS context exists;
 * start-up builds its contexts once, after this. The JDK then uses the group for DHE suites
 * whenever the client does not negotiate an RFC 7919 (ffdhe) group, and only accepts safe
 * primes (others it ignores, so we warn). For a size other than 2048 bits,
 * jdk.tls.ephemeralDHKeySize is set to it as well (unless already set), since the JDK picks the
 * group by size.
 *
 * <p>OpenSSL engine: netty-tcnative is BoringSSL, which has no DHE suites at all, so the file
 * cannot matter; we say so once instead of pretending. A file that does not parse fails
 * start-up with either engine.
 */
final class DhParams {

    static final String JDK_PROPERTY = "jdk.tls.server.defaultDHEParameters";

    private DhParams() {
    }

    /** The parsed group. */
    record Group(BigInteger p, BigInteger g) {
        int bits() {
            return p.bitLength();
        }

        /** The JDK property's form: "{p,g}" in hex. */
        String jdkValue() {
            return "{" + p.toString(16).toUpperCase() + "," + g.toString(16).toUpperCase() + "}";
        }
    }

    /** Reads the file and makes it effective where the engine allows; returns the group. */
    static Group apply(String file, SslProvider provider) throws TlsConfigException {
        Group group = read(file);
        if (Ciphers.isOpenSsl(provider)) {
            Log.info("--ssl_dh_params_file " + file + ": " + group.bits() + "-bit DH parameters read but not"
                    + " used: the OpenSSL engine (BoringSSL) has no DHE cipher suites");
            return group;
        }
        if (!isSafePrime(group.p())) {
            Log.warning("Warning: --ssl_dh_params_file " + file + ": the prime is not a safe prime"
                    + " (e.g. made with -dsaparam); the JDK TLS engine ignores such parameters");
        }
        Security.setProperty(JDK_PROPERTY, group.jdkValue());
        int bits = group.bits();
        if (bits != 2048 && bits >= 1024 && bits <= 8192 && bits % 64 == 0
                && System.getProperty("jdk.tls.ephemeralDHKeySize") == null) {
            System.setProperty("jdk.tls.ephemeralDHKeySize", Integer.toString(bits));
        }
        Log.info("--ssl_dh_params_file " + file + ": " + bits + "-bit DH parameters used for DHE suites"
                + " (JDK engine, process-wide)");
        return group;
    }

    /** Parses the first "DH PARAMETERS" block. */
    static Group read(String file) throws TlsConfigException {
        Path path = Path.of(file);
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1);
             PemReader pem = new PemReader(reader)) {
            for (PemObject o = pem.readPemObject(); o != null; o = pem.readPemObject()) {
                if (o.getType().equals("DH PARAMETERS")) {
                    DHParameter parameter = DHParameter.getInstance(o.getContent());
                    return new Group(parameter.getP(), parameter.getG());
                }
            }
        } catch (Exception e) {
            throw new TlsConfigException("cannot read --ssl_dh_params_file " + file + ": " + PemFiles.reason(e), e);
        }
        throw new TlsConfigException("cannot read --ssl_dh_params_file " + file + ": no DH PARAMETERS found", null);
    }

    private static boolean isSafePrime(BigInteger p) {
        return p.isProbablePrime(40) && p.shiftRight(1).isProbablePrime(40);
    }
}
