package org.perdition.protocol.managesieve;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins a back-end's lines into whole ManageSieve responses. A response may carry literals
 * ({@code {n}} at the end of a segment, then n bytes that may hold CRLFs, then the rest of the
 * line, RFC 5804 §4): the session core hands us CRLF-stripped lines, so a literal's bytes are
 * counted across them (each line plus its CRLF). Each literal is replaced by the equivalent
 * quoted string, so {@link SieveResponse} parses one "logical" line; a back-end whose reply holds
 * a literal therefore cannot make us read its bytes as responses (no desync, spec §3.6).
 */
final class SieveResponseReader {

    /** Literals in a login dialogue are short; a bigger one means this is no ManageSieve server. */
    static final long MAX_LITERAL = 64 * 1024;

    private static final Pattern LITERAL_AT_END = Pattern.compile("(?:^|[ (])(\\{([0-9]{1,18})\\+?})$");

    private final StringBuilder logical = new StringBuilder();
    private final StringBuilder literal = new StringBuilder();
    /** Bytes of the current literal still to come; 0 when none. */
    private long literalLeft;

    /** Thrown for a literal over {@link #MAX_LITERAL}. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super("back-end literal too large", null, false, false);
        }
    }

    /** @return the whole response as one logical line, or null when more lines are needed */
    String feed(String line) throws TooLarge {
        if (literalLeft > 0) {
            int length = line.length();
            if (length + 2L <= literalLeft) {
                literal.append(line).append(SieveQuoting.CRLF);
                literalLeft -= length + 2L;
                if (literalLeft == 0) {
                    closeLiteral();             // the rest of the response is the next line
                }
                return null;
            }
            int take = (int) Math.min(literalLeft, length);
            literal.append(line, 0, take);
            closeLiteral();
            return segment(line.substring(take));
        }
        return segment(line);
    }

    private String segment(String text) throws TooLarge {
        Matcher m = LITERAL_AT_END.matcher(text);
        if (m.find() && !endsInsideQuotes(text, m.start(1))) {
            long size = Long.parseLong(m.group(2));
            if (size > MAX_LITERAL) {
                throw new TooLarge();
            }
            logical.append(text, 0, m.start(1));
            literalLeft = size;
            if (size == 0) {
                closeLiteral();
            }
            return null;
        }
        logical.append(text);
        String whole = logical.toString();
        logical.setLength(0);
        return whole;
    }

    private void closeLiteral() {
        logical.append(SieveQuoting.quoted(literal.toString()));
        literal.setLength(0);
        literalLeft = 0;
    }

    /** True when {@code text} up to {@code end} leaves a quoted string open (then "{n}" is text). */
    private static boolean endsInsideQuotes(String text, int end) {
        boolean inside = false;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (inside && c == '\\') {
                i++;
            } else if (c == '"') {
                inside = !inside;
            }
        }
        return inside;
    }
}
