package org.perdition.protocol.managesieve;

import java.util.ArrayList;
import java.util.List;

/**
 * One back-end response, parsed from a logical line of {@link SieveResponseReader}: either a line
 * of strings (a capability line, or a SASL challenge) or a status response
 * {@code OK|NO|BYE [SP "(" code ")"] [SP string]} (RFC 5804 §4).
 *
 * @param status  the leading atom, or null for a line of strings
 * @param code    the response code with its parentheses, or null
 * @param text    the human-readable string, unescaped, or null
 * @param strings the strings of a string line (empty for a status response)
 */
record SieveResponse(String status, String code, String text, List<String> strings) {

    static SieveResponse parse(String line) {
        if (line.startsWith("\"")) {
            return new SieveResponse(null, null, null, strings(line));
        }
        int space = line.indexOf(' ');
        String status = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        String code = null;
        if (rest.startsWith("(")) {
            int close = closingParenthesis(rest);
            if (close < 0) {
                return new SieveResponse(status, null, null, List.of());
            }
            code = rest.substring(0, close + 1);
            rest = rest.substring(close + 1);
            if (rest.startsWith(" ")) {
                rest = rest.substring(1);
            }
            if (code.indexOf('\r') >= 0 || code.indexOf('\n') >= 0 || code.indexOf('\0') >= 0) {
                code = null;       // a literal inside a code: not worth relaying, and unsafe on one line
            }
        }
        String text = null;
        if (rest.startsWith("\"")) {
            List<String> strings = strings(rest);
            text = strings.isEmpty() ? null : strings.get(0);
        }
        return new SieveResponse(status, code, text, List.of());
    }

    boolean isStatus(String name) {
        return status != null && status.equalsIgnoreCase(name);
    }

    /**
     * The response in our quoting, without CRLF: what {@code -o} relays. Re-writing it (rather than
     * passing the back-end's bytes) keeps unbalanced quotes or stray bytes away from the client.
     */
    String render() {
        StringBuilder out = new StringBuilder(status == null ? "" : status);
        if (code != null) {
            out.append(' ').append(code);
        }
        if (text != null) {
            out.append(' ').append(SieveQuoting.forClient(text));
        }
        return out.toString();
    }

    /** The quoted strings at the start of {@code line}, separated by single spaces. */
    private static List<String> strings(String line) {
        List<String> out = new ArrayList<>();
        int pos = 0;
        while (pos < line.length() && line.charAt(pos) == '"') {
            StringBuilder text = new StringBuilder();
            int i = pos + 1;
            for (; i < line.length() && line.charAt(i) != '"'; i++) {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length()) {
                    c = line.charAt(++i);
                }
                text.append(c);
            }
            if (i >= line.length()) {
                break;             // no closing quote: ignore the rest
            }
            out.add(text.toString());
            pos = i + 1;
            if (pos < line.length() && line.charAt(pos) == ' ') {
                pos++;
            }
        }
        return out;
    }

    /** Index of the ")" closing the code that starts {@code text}, quotes honoured; -1 if none. */
    private static int closingParenthesis(String text) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
