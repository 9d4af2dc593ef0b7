package org.perdition.lookup;

/**
 * Parses {@code [user<delim>]host[:port]} (spec §4.2), the syntax of popmap values and of
 * {@code -s} entries.
 *
 * <ul>
 *   <li>user and host are split at the LAST occurrence of the (possibly multi-character)
 *       delimiter: {@code a@b@host} has user {@code a@b};</li>
 *   <li>the port follows the last {@code :}, except for a bracketed IPv6 literal, where only a
 *       {@code :} right after {@code ]} starts a port; the brackets are removed (perdition's bug B8,
 *       a crash on that path, does not apply here);</li>
 *   <li>nothing is trimmed; a trailing {@code :} (empty port) means "no port", so the default
 *       applies. Text after {@code ]} other than {@code :port} leaves the host as written, which
 *       then fails to resolve and shows up in the log as written.</li>
 * </ul>
 */
public final class ServerAddressParser {

    /**
     * @param user the user part, null when the value has no delimiter
     * @param host the host, brackets removed; may be empty (= no server)
     * @param port the port text (number or service name), null when absent or empty
     */
    public record ServerSpec(String user, String host, String port) {
    }

    private ServerAddressParser() {
    }

    public static ServerSpec parse(String value, String delimiter) {
        String user = null;
        String hostPort = value;
        int split = delimiter.isEmpty() ? -1 : value.lastIndexOf(delimiter);
        if (split >= 0) {
            user = value.substring(0, split);
            hostPort = value.substring(split + delimiter.length());
        }
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close > 0) {
                String inner = hostPort.substring(1, close);
                String rest = hostPort.substring(close + 1);
                if (rest.isEmpty()) {
                    return new ServerSpec(user, inner, null);
                }
                if (rest.startsWith(":")) {
                    return new ServerSpec(user, inner, emptyToNull(rest.substring(1)));
                }
            }
            return new ServerSpec(user, hostPort, null);
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            return new ServerSpec(user, hostPort, null);
        }
        return new ServerSpec(user, hostPort.substring(0, colon), emptyToNull(hostPort.substring(colon + 1)));
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
