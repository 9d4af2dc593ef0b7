package org.perdition.net.tls;

import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.ArrayList;
import java.util.List;
import org.perdition.log.Log;

/**
 * --ssl_listen_ciphers / --ssl_outgoing_ciphers: OpenSSL cipher strings (spec §1.2).
 *
 * <p>A plain list of suite names ("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384",
 * OpenSSL or JSSE spellings, ':' ',' or ' ' separated) is applied with either engine. A string
 * with OpenSSL aliases or operators ("HIGH:!aNULL:@STRENGTH") cannot be: Netty's builder checks
 * every element against known suite names, and handing the string to SSL_CTX_set_cipher_list
 * through netty-tcnative's SSLContext.setCipherSuite crashed the JVM (SIGSEGV, tcnative 2.0.84).
 * Such a string, or a name the engine does not have, is ignored with a warning naming the
 * option, and the engine's defaults apply.
 */
final class Ciphers {

    private Ciphers() {
    }

    /** The suites to enable, or null for the engine's defaults. */
    static List<String> suites(String option, String cipherString, SslProvider provider) {
        if (cipherString == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String token : cipherString.trim().split("[:, ]+")) {
            if (token.isEmpty()) {
                continue;
            }
            String name = isOpenSsl(provider) ? forOpenSsl(token) : forJdk(token);
            if (name == null) {
                Log.warning("Warning: " + option + " \"" + cipherString + "\" is ignored: \"" + token
                        + "\" is not a cipher suite the " + (isOpenSsl(provider) ? "OpenSSL" : "JDK")
                        + " TLS engine has (only lists of suite names are supported, not OpenSSL aliases)");
                return null;
            }
            names.add(name);
        }
        return names.isEmpty() ? null : names;
    }

    private static String forOpenSsl(String token) {
        return OpenSsl.isCipherSuiteAvailable(token) || OpenSsl.availableJavaCipherSuites().contains(token)
                ? token : null;
    }

    private static String forJdk(String token) {
        return token.startsWith("TLS_") || token.startsWith("SSL_") ? token : CipherSuiteConverter.toJava(token, "TLS");
    }

    static boolean isOpenSsl(SslProvider provider) {
        return provider == SslProvider.OPENSSL || provider == SslProvider.OPENSSL_REFCNT;
    }
}
