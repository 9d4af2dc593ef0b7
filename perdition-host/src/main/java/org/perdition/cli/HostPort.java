package org.perdition.cli;

/**
 * Shape check of a -s/-b entry, {@code host[:port]} or {@code [v6]:port} (spec §4.2). The
 * entry itself is stored raw; the lookup code splits it.
 */
final class HostPort {

    private HostPort() {
    }

    static boolean isValid(String entry) {
        if (entry.isEmpty() || entry.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            return false;
        }
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 2 || entry.indexOf('[', 1) >= 0 || entry.indexOf(']', close + 1) >= 0) {
                return false;
            }
            String rest = entry.substring(close + 1);
            return rest.isEmpty() || (rest.startsWith(":") && Values.isPort(rest.substring(1)));
        }
        if (entry.indexOf('[') >= 0 || entry.indexOf(']') >= 0) {
            return false;
        }
        int colon = entry.indexOf(':');
        if (colon < 0) {
            return true;
        }
        // A second colon would be an IPv6 literal without brackets: perdition would take the
        // text after the last colon as the port, which is never what was meant.
        return colon > 0 && entry.indexOf(':', colon + 1) < 0 && Values.isPort(entry.substring(colon + 1));
    }
}
