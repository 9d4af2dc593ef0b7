package org.perdition.net.tls;

import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.util.ArrayList;
import java.util.List;
import org.perdition.log.Log;

/**
 * --ssl_listen_ciphers / --ssl_outgoing_ciphers: OpenSSL cipher strings (spec §1.2).
 *
 * <p>With the OpenSSL (BoringSSL) engine the string is handed to SSL_CTX_set_cipher_list as it
 * is, so aliases such as "HIGH:!aNULL" work as in perdition (it only governs TLS 1.2 and below;
 * TLS 1.3 suites are fixed, as in OpenSSL's set_cipher_list). Netty's builder cannot take such a
 * string (it checks every element against known suite names), hence the native call on the built
 * context. With the JDK engine only a plain list of suite names is translated (OpenSSL or JSSE
 * names); a string with aliases or operators cannot be, and is ignored with a warning.
 */
final class Ciphers {

    private Ciphers() {
    }

    /** JSSE suite names for the JDK engine, or null (= the engine's defaults). */
    static List<String> forJdk(String option, String cipherString) {
        if (cipherString == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String token : cipherString.split("[:, ]+")) {
            if (token.isEmpty()) {
                continue;
            }
            String java = token.startsWith("TLS_") || token.startsWith("SSL_") ? token
                    : CipherSuiteConverter.toJava(token, "TLS");
            if (java == null) {
                Log.warning("Warning: " + option + " \"" + cipherString + "\" is ignored: the JDK TLS engine "
                        + "only takes a list of cipher suite names, not \"" + token + "\"");
                return null;
            }
            names.add(java);
        }
        return names.isEmpty() ? null : names;
    }

    /** Applies the string to a built OpenSSL context; a string OpenSSL rejects is a start-up error. */
    static void applyOpenSsl(String option, String cipherString, SslContext context) throws TlsConfigException {
        if (cipherString == null || !(context instanceof OpenSslContext openSsl)) {
            return;
        }
        boolean ok;
        try {
            @SuppressWarnings("deprecation")
            long ctx = openSsl.sslCtxPointer();
            ok = io.netty.internal.tcnative.SSLContext.setCipherSuite(ctx, cipherString, false);
        } catch (Exception e) {
            throw new TlsConfigException(option + " \"" + cipherString + "\": " + e.getMessage(), e);
        }
        if (!ok) {
            throw new TlsConfigException(option + " \"" + cipherString + "\": no usable cipher", null);
        }
    }

    static boolean isOpenSsl(SslProvider provider) {
        return provider == SslProvider.OPENSSL || provider == SslProvider.OPENSSL_REFCNT;
    }
}
