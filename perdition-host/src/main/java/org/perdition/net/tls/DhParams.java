package org.perdition.net.tls;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.pkcs.DHParameter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.perdition.log.Log;

/**
 * --ssl_dh_params_file (spec §1.2). Checked to hold PEM "DH PARAMETERS", then only noted:
 * neither Netty engine lets us install custom finite-field DH groups (BoringSSL dropped DHE
 * suites altogether; the JDK picks RFC 7919 groups), and modern clients use ECDHE, which
 * perdition always enables too. So a bad file still fails start-up, a good one changes nothing.
 */
final class DhParams {

    private DhParams() {
    }

    /** Returns the prime size in bits. */
    static int check(String file) throws TlsConfigException {
        Path path = Path.of(file);
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1);
             PemReader pem = new PemReader(reader)) {
            for (PemObject o = pem.readPemObject(); o != null; o = pem.readPemObject()) {
                if (o.getType().equals("DH PARAMETERS")) {
                    int bits = DHParameter.getInstance(o.getContent()).getP().bitLength();
                    Log.info("--ssl_dh_params_file " + file + ": " + bits + "-bit DH parameters read; they are"
                            + " not used: the TLS engine negotiates ECDHE (or its own DHE groups)");
                    return bits;
                }
            }
        } catch (Exception e) {
            throw new TlsConfigException("cannot read --ssl_dh_params_file " + file + ": " + PemFiles.reason(e), e);
        }
        throw new TlsConfigException("cannot read --ssl_dh_params_file " + file + ": no DH PARAMETERS found", null);
    }
}
