package org.perdition.protocol.managesieve;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits one line segment of a ManageSieve command into {@link SieveArg}s (RFC 5804 §4). A segment
 * is the text up to a CRLF: the whole command, or the part after a literal's bytes.
 *
 * <p>Unlike perdition's space splitter (spec §3.6.2, §3.1) this honours quoting: {@code \"} and
 * {@code \\} are escapes and are unescaped (perdition accepted them but kept the backslash), any
 * other backslash is malformed, and words are separated by exactly one space. A literal
 * ({@code {n}} or {@code {n+}}) may only end a segment.
 */
final class SieveLexer {

    /** Longer size texts are far beyond any limit; treated as "too large" without parsing. */
    private static final int MAX_SIZE_DIGITS = 18;
    private static final Pattern LITERAL = Pattern.compile("\\{([0-9]+)\\+?}");

    private SieveLexer() {
    }

    /** What one segment held beyond its words. */
    record Outcome(boolean wellFormed, long literalSize) {

        static final Outcome END = new Outcome(true, -1);
        static final Outcome MALFORMED = new Outcome(false, -1);

        /** True when the segment ends with a literal announcement: its bytes come next. */
        boolean announcesLiteral() {
            return literalSize >= 0;
        }
    }

    /**
     * Appends the words of {@code segment} to {@code out}.
     *
     * @param afterLiteral true for the text following a literal's bytes: empty, or SP and more words
     */
    static Outcome lex(String segment, boolean afterLiteral, List<SieveArg> out) {
        int pos = 0;
        int length = segment.length();
        if (afterLiteral || length == 0) {
            if (length == 0) {
                return Outcome.END;
            }
            if (segment.charAt(0) != ' ') {
                return Outcome.MALFORMED;
            }
            pos = 1;
        }
        while (true) {
            if (pos >= length) {
                return Outcome.MALFORMED;            // trailing space: an empty word
            }
            char c = segment.charAt(pos);
            if (c == '{') {
                Matcher literal = LITERAL.matcher(segment).region(pos, length);
                if (literal.matches()) {
                    return new Outcome(true, size(literal.group(1)));
                }
            }
            pos = c == '"' ? quoted(segment, pos + 1, out) : atom(segment, pos, out);
            if (pos < 0) {
                return Outcome.MALFORMED;
            }
            if (pos == length) {
                return Outcome.END;
            }
            if (segment.charAt(pos) != ' ') {
                return Outcome.MALFORMED;            // e.g. "a"b
            }
            pos++;
        }
    }

    private static long size(String digits) {
        return digits.length() > MAX_SIZE_DIGITS ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    /** RFC 5804 quoted: {@code \"} and {@code \\} only; no NUL. @return the position after it, or -1 */
    private static int quoted(String segment, int start, List<SieveArg> out) {
        StringBuilder text = new StringBuilder();
        int pos = start;
        while (pos < segment.length()) {
            char c = segment.charAt(pos);
            if (c == '"') {
                out.add(SieveArg.string(text.toString()));
                return pos + 1;
            }
            if (c == '\\') {
                char next = pos + 1 < segment.length() ? segment.charAt(pos + 1) : 0;
                if (next != '"' && next != '\\') {
                    return -1;
                }
                c = next;
                pos++;
            } else if (c == 0) {
                return -1;
            }
            text.append(c);
            pos++;
        }
        return -1;                                   // no closing quote
    }

    /** Any run of bytes but SP, quote and controls (lenient, as perdition). @return the end, or -1 */
    private static int atom(String segment, int start, List<SieveArg> out) {
        int pos = start;
        while (pos < segment.length()) {
            char c = segment.charAt(pos);
            if (c == ' ' || c == '"') {
                break;
            }
            if (c < 0x20 || c == 0x7f) {
                return -1;
            }
            pos++;
        }
        if (pos == start) {
            return -1;                               // two spaces in a row
        }
        out.add(SieveArg.atom(segment.substring(start, pos)));
        return pos;
    }
}
