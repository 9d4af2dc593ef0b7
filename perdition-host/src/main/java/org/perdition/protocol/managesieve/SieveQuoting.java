package org.perdition.protocol.managesieve;

/**
 * ManageSieve strings on the wire (RFC 5804 §4 {@code string}), as we write them.
 *
 * <p>perdition wrapped text in quotes without escaping {@code "} or {@code \} (spec §3.6.1, bug
 * B16), so its own replies could be malformed ({@code NO "... expected AUTHENTICATE "PLAIN" ..."}).
 * We escape both; text holding CR, LF or NUL (which a quoted string cannot carry) goes as a
 * literal: {@code {n}} towards clients ({@code literal-s2c}), {@code {n+}} towards servers
 * ({@code literal-c2s}), as perdition did. Strings are ISO-8859-1 byte strings, so a literal's
 * length is the string's length.
 */
final class SieveQuoting {

    static final String CRLF = "\r\n";

    private SieveQuoting() {
    }

    /** {@code text} as a string a client can read. */
    static String forClient(String text) {
        return needsLiteral(text) ? "{" + text.length() + "}" + CRLF + text : quoted(text);
    }

    /** {@code text} as a string a server accepts (RFC 5804 §4: clients send only {@code {n+}}). */
    static String forServer(String text) {
        return needsLiteral(text) ? "{" + text.length() + "+}" + CRLF + text : quoted(text);
    }

    /** A whole response line: {@code OK "text"}, CRLF included. */
    static String response(String status, String text) {
        return status + " " + forClient(text) + CRLF;
    }

    private static boolean needsLiteral(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0;
    }

    /**
     * {@code text} between quotes with {@code "} and {@code \} escaped, whatever it holds: for
     * internal use where a literal's bytes stand in a line ({@link SieveResponseReader}).
     */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
