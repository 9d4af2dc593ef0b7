package org.perdition.protocol.pop3;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The CAPA list (RFC 2449) built from {@code --pop_capability} (spec §3.4).
 *
 * <p>Items are separated by {@code .} when the configured string contains one, else by two spaces
 * (the legacy form); empty items are skipped. {@code STLS} is appended when it may be offered
 * (tls_listen and the client not yet in TLS) and removed otherwise. We compare whole items, so
 * {@code STLS} as the first item is found like any other: perdition's substring code duplicated
 * it or corrupted its heap there (bug B7).
 *
 * <p>Our addition: {@code SASL PLAIN} (RFC 5034 §6) is appended unless an item already names SASL,
 * because we accept AUTH PLAIN where perdition did not.
 */
final class Pop3Capabilities {

    static final String STLS = "STLS";
    static final String SASL_PLAIN = "SASL PLAIN";

    private Pop3Capabilities() {
    }

    /** The items, one per CAPA line, in order. */
    static List<String> items(String configured, boolean offerStls) {
        String delimiter = configured.contains(".") ? "." : "  ";
        List<String> items = new ArrayList<>();
        for (String item : configured.split(Pattern.quote(delimiter), -1)) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        boolean hasStls = items.stream().anyMatch(STLS::equalsIgnoreCase);
        if (offerStls && !hasStls) {
            items.add(STLS);
        } else if (!offerStls) {
            items.removeIf(STLS::equalsIgnoreCase);
        }
        if (items.stream().noneMatch(Pop3Capabilities::namesSasl)) {
            items.add(SASL_PLAIN);
        }
        return items;
    }

    /** The whole CAPA reply: status line, items, terminating dot. */
    static String reply(String configured, boolean offerStls) {
        StringBuilder reply = new StringBuilder("+OK Capability list follows, mate\r\n");
        for (String item : items(configured, offerStls)) {
            reply.append(item).append("\r\n");
        }
        return reply.append(".\r\n").toString();
    }

    private static boolean namesSasl(String item) {
        return item.equalsIgnoreCase("SASL") || item.regionMatches(true, 0, "SASL ", 0, 5);
    }
}
