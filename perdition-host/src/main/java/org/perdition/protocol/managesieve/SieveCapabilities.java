package org.perdition.protocol.managesieve;

import java.util.ArrayList;
import java.util.List;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/**
 * The capability block (RFC 5804 §1.7) built from {@code --managesieve_capability} (spec §3.6):
 * the string is split at every double space, each item is one line, written as configured (the
 * items are already ManageSieve strings, e.g. {@code "SASL" "PLAIN"}); empty items are skipped.
 * {@code "STARTTLS"} is appended while it may be offered (tls_listen, client not yet in TLS) and
 * removed otherwise, like POP3's STLS and IMAP's STARTTLS. Whole items are compared, so the first
 * item behaves like any other (perdition's substring code did not, bug B7).
 */
final class SieveCapabilities {

    static final String STARTTLS = "\"STARTTLS\"";

    private SieveCapabilities() {
    }

    /** True when STARTTLS is a command at all (tls_listen; tls_listen_force implies it, spec §1.4). */
    static boolean tlsListen(Settings settings) {
        return settings.sslMode.contains(SslMode.TLS_LISTEN) || settings.sslMode.contains(SslMode.TLS_LISTEN_FORCE);
    }

    static List<String> items(String configured, boolean offerStartTls) {
        List<String> items = new ArrayList<>();
        for (String item : configured.split("  ", -1)) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        boolean present = items.stream().anyMatch(STARTTLS::equalsIgnoreCase);
        if (offerStartTls && !present) {
            items.add(STARTTLS);
        } else if (!offerStartTls) {
            items.removeIf(STARTTLS::equalsIgnoreCase);
        }
        return items;
    }

    /** The block: one CRLF-terminated line per item. */
    static String block(String configured, boolean offerStartTls) {
        StringBuilder block = new StringBuilder();
        for (String item : items(configured, offerStartTls)) {
            block.append(item).append(SieveQuoting.CRLF);
        }
        return block.toString();
    }
}
