package org.perdition.protocol;

/**
 * A back-end's reply line made safe to relay to a client with {@code -o} (spec §3.3.5).
 * perdition wrote whatever its buffer held, including 6 bytes of uninitialised heap when the
 * back-end refused POP3 USER (bug B2). Here the text is exactly the back-end's line, except that
 * control characters (a bare CR, NUL, ...) become spaces, so a back-end cannot make the client see
 * a second line, and the length is capped so the reply stays one protocol line.
 */
public final class RelayedLine {

    /** RFC 1939 §3: a POP3 response is at most 512 octets, CRLF included. */
    public static final int POP3_MAX = 510;
    /** perdition's reply buffer (4096 bytes with CRLF, bug B1): room for a long [CAPABILITY ...]. */
    public static final int IMAP_MAX = 4094;

    private RelayedLine() {
    }

    /** {@code line} without control characters and cut to {@code max} characters; never null. */
    public static String sanitize(String line, int max) {
        if (line == null) {
            return "";
        }
        int length = Math.min(line.length(), max);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            out.append(c < 0x20 && c != '\t' || c == 0x7f ? ' ' : c);
        }
        return out.toString();
    }
}
