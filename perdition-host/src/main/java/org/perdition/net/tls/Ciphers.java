package org.perdition.net.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.perdition.log.Log;

/**
 * --ssl_listen_ciphers / --ssl_outgoing_ciphers: OpenSSL cipher strings (spec §1.2), evaluated by
 * {@link CipherString} over the suites the engine has (netty-tcnative's for OpenSSL, the JDK's
 * supported ones for the JDK engine). The result goes to Netty as a list of suite names; the
 * string itself never reaches tcnative's SSLContext.setCipherSuite, which crashed the JVM
 * (SIGSEGV, tcnative 2.0.84) on alias strings.
 *
 * <p>As in OpenSSL 1.1+, the string does not govern TLS 1.3: the engine's TLS 1.3 suites stay
 * enabled, first in the list. A string that selects no TLS 1.2-or-older suite is a start-up
 * error, as SSL_CTX_set_cipher_list fails with "no cipher match".
 */
final class Ciphers {

    private Ciphers() {
    }

    /** The suites to enable, or null (no option) for the engine's defaults. */
    static List<String> suites(String option, String cipherString, SslProvider provider) throws TlsConfigException {
        if (cipherString == null) {
            return null;
        }
        List<String> tls13 = new ArrayList<>();
        List<SuiteTraits> older = new ArrayList<>();
        for (String name : engineSuites(provider)) {
            SuiteTraits traits = SuiteTraits.parse(name);
            if (traits == null) {
                continue;
            }
            if (traits.tls13()) {
                tls13.add(name);
            } else {
                older.add(traits);
            }
        }
        List<String> selected = new CipherString(older).evaluate(option, cipherString);
        if (selected.isEmpty()) {
            throw new TlsConfigException(option + " '" + cipherString + "': no cipher suite matches", null);
        }
        if (!tls13.isEmpty()) {
            Log.debug(option + ": the TLS 1.3 suites " + tls13 + " stay enabled (cipher strings do not apply"
                    + " to TLS 1.3, as in OpenSSL 1.1+)");
        }
        List<String> result = new ArrayList<>(tls13);
        result.addAll(selected);
        return result;
    }

    /** The engine's suites, IANA/JSSE spelling, in its preference order. */
    static List<String> engineSuites(SslProvider provider) throws TlsConfigException {
        if (isOpenSsl(provider)) {
            // tcnative lists most suites twice, as TLS_x and SSL_x: keep the first spelling
            Set<String> seen = new HashSet<>();
            List<String> names = new ArrayList<>();
            for (String name : OpenSsl.availableJavaCipherSuites()) {
                if (seen.add(name.startsWith("SSL_") ? "TLS_" + name.substring(4) : name)) {
                    names.add(name);
                }
            }
            return names;
        }
        try {
            return List.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new TlsConfigException("the JDK TLS engine is not available: " + e.getMessage(), e);
        }
    }

    static boolean isOpenSsl(SslProvider provider) {
        return provider == SslProvider.OPENSSL || provider == SslProvider.OPENSSL_REFCNT;
    }
}
