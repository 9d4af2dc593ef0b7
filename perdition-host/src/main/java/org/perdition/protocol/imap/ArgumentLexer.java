package org.perdition.protocol.imap;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits one line segment of a command into {@link Token}s. A segment is the text up to a CRLF:
 * the whole command, or the part before or after a literal's bytes.
 *
 * <p>Unlike perdition's space splitter (bug B14) this honours quoting: {@code \"} does not end a
 * quoted string, and a literal announcement is recognised only outside quotes, at the start of a
 * token, as the last thing on the segment (RFC 3501 §4.3, RFC 7888).
 */
final class ArgumentLexer {

    /** A literal announcement ending the segment: {@code {n}} or, RFC 7888, {@code {n+}}. */
    record LiteralSpec(long size, boolean synchronising) {
    }

    private static final Pattern LITERAL = Pattern.compile("\\{([0-9]+)(\\+?)}");

    /** Longer size texts are far beyond any limit; treated as "too large" without parsing. */
    private static final int MAX_SIZE_DIGITS = 18;

    private ArgumentLexer() {
    }

    /**
     * Appends the tokens of {@code segment} to {@code out}.
     *
     * @return the literal the segment announces at its end, or null when the command ends here
     */
    static LiteralSpec lex(String segment, List<Token> out) {
        int pos = 0;
        int length = segment.length();
        while (pos < length) {
            char c = segment.charAt(pos);
            if (c == ' ') {
                out.add(Token.SPACE);
                pos++;
            } else if (c == '(') {
                out.add(Token.OPEN);
                pos++;
            } else if (c == ')') {
                out.add(Token.CLOSE);
                pos++;
            } else if (c == '"') {
                pos = quoted(segment, pos + 1, out);
            } else if (c == '{' && LITERAL.matcher(segment).region(pos, length).matches()) {
                return literalSpec(segment.substring(pos));
            } else {
                pos = atom(segment, pos, out);
            }
        }
        return null;
    }

    private static LiteralSpec literalSpec(String text) {
        Matcher m = LITERAL.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException("not a literal: " + text);
        }
        String digits = m.group(1);
        long size = digits.length() > MAX_SIZE_DIGITS ? Long.MAX_VALUE : Long.parseLong(digits);
        return new LiteralSpec(size, m.group(2).isEmpty());
    }

    /** RFC 3501 quoted: only {@code \"} and {@code \\} escapes, no CR or LF (nor NUL). */
    private static int quoted(String segment, int start, List<Token> out) {
        StringBuilder text = new StringBuilder();
        boolean wellFormed = true;
        int pos = start;
        while (true) {
            if (pos >= segment.length()) {
                out.add(new Token.Quoted(text.toString(), false));
                return pos;
            }
            char c = segment.charAt(pos);
            if (c == '"') {
                out.add(new Token.Quoted(text.toString(), wellFormed));
                return pos + 1;
            }
            if (c == '\\') {
                char next = pos + 1 < segment.length() ? segment.charAt(pos + 1) : 0;
                if (next == '"' || next == '\\') {
                    text.append(next);
                    pos += 2;
                    continue;
                }
                wellFormed = false;
            } else if (c == '\r' || c == '\n' || c == 0) {
                wellFormed = false;
            }
            text.append(c);
            pos++;
        }
    }

    /**
     * Atoms are lenient like perdition's (passwords with any byte but SP), except that parentheses
     * and quotes delimit them (ID lists) and control characters make the command malformed.
     */
    private static int atom(String segment, int start, List<Token> out) {
        int pos = start;
        boolean junk = false;
        while (pos < segment.length()) {
            char c = segment.charAt(pos);
            if (c == ' ' || c == '(' || c == ')' || c == '"') {
                break;
            }
            if (c < 0x20 || c == 0x7f) {
                junk = true;
            }
            pos++;
        }
        out.add(junk ? Token.JUNK : new Token.Atom(segment.substring(start, pos)));
        return pos;
    }
}
