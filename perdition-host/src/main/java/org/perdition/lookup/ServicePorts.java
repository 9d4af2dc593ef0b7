package org.perdition.lookup;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Port text to number. perdition passes the text to getaddrinfo, which also accepts
 * /etc/services names; we know the names that matter for a mail proxy.
 */
public final class ServicePorts {

    private static final Map<String, Integer> NAMES = Map.of(
            "pop3", 110, "pop3s", 995, "imap", 143, "imap2", 143, "imaps", 993, "sieve", 4190);

    private ServicePorts() {
    }

    /** @return the port, or empty when the text is neither 1..65535 nor a known service name */
    public static OptionalInt parse(String text) {
        Integer named = NAMES.get(text);
        if (named != null) {
            return OptionalInt.of(named);
        }
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
    }
}
