package org.perdition.plugin.posixregex;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits popmap.re into tokens the way libvanessa-adt's config reader does in multi-value mode
 * (spec §2.4, §5.4): blanks separate tokens; {@code #} starts a comment to the end of the line
 * (a backslash at the end of a comment line continues the comment); {@code \x} is a literal
 * {@code x}; backslash-newline joins lines with nothing inserted; {@code '...'} is literal;
 * {@code "..."} is literal except that backslash still escapes; quotes may sit inside a token
 * ({@code a"b c"d} is {@code ab cd}). CR ends a line too.
 *
 * <p>Note that escapes are resolved here, before the regex compiler sees the pattern, exactly
 * as in perdition: {@code a\.b} reaches the regex as {@code a.b}; write {@code 'a\.b'} or
 * {@code a\\.b} for a literal dot.
 */
final class RuleFileTokenizer {

    /** The tokens of one logical line, numbered by the physical line it starts on. */
    record Line(int number, List<String> tokens) {
    }

    /** A grammar error, with the 1-based line it was found on. */
    static final class SyntaxError extends Exception {
        final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final String text;
    private int pos;
    private int physicalLine = 1;
    private final List<Line> lines = new ArrayList<>();
    private List<String> tokens = new ArrayList<>();
    private int logicalLineStart = 1;
    private StringBuilder token;   // null between tokens

    private RuleFileTokenizer(String text) {
        this.text = text;
    }

    static List<Line> tokenize(String text) throws SyntaxError {
        RuleFileTokenizer tokenizer = new RuleFileTokenizer(text);
        tokenizer.run();
        return tokenizer.lines;
    }

    private void run() throws SyntaxError {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            switch (c) {
                case '\\' -> backslash(true);
                case '#' -> comment();
                case '\'' -> quoted('\'', false);
                case '"' -> quoted('"', true);
                case ' ', '\t' -> {
                    endToken();
                    pos++;
                }
                case '\n', '\r' -> {
                    endLine();
                    if (c == '\n') {
                        physicalLine++;
                    }
                    pos++;
                    logicalLineStart = physicalLine;
                }
                default -> {
                    append(c);
                    pos++;
                }
            }
        }
        endLine();
    }

    /** At a backslash: join lines, or take the next character literally. A final lone backslash is dropped. */
    private void backslash(boolean joinLines) {
        pos++;
        if (pos >= text.length()) {
            return;
        }
        char next = text.charAt(pos);
        if (next == '\n' && joinLines) {
            physicalLine++;
            pos++;
        } else if (next == '\r' && joinLines) {
            pos++;
            if (pos < text.length() && text.charAt(pos) == '\n') {
                physicalLine++;
                pos++;
            }
        } else {
            if (next == '\n') {
                physicalLine++;
            }
            append(next);
            pos++;
        }
    }

    private void comment() {
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            if (text.charAt(pos) == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                physicalLine++;   // the comment goes on (observed in perdition.conf)
                pos += 2;
            } else {
                pos++;
            }
        }
    }

    private void quoted(char quote, boolean escapes) throws SyntaxError {
        int startLine = physicalLine;
        pos++;
        if (token == null) {
            token = new StringBuilder();   // '' is an (empty) token
        }
        while (true) {
            if (pos >= text.length()) {
                throw new SyntaxError(startLine, "unterminated " + quote + " quote");
            }
            char c = text.charAt(pos);
            if (c == quote) {
                pos++;
                return;
            }
            if (c == '\\' && escapes) {
                backslash(true);
            } else {
                if (c == '\n') {
                    physicalLine++;
                }
                token.append(c);
                pos++;
            }
        }
    }

    private void append(char c) {
        if (token == null) {
            token = new StringBuilder();
        }
        token.append(c);
    }

    private void endToken() {
        if (token != null) {
            tokens.add(token.toString());
            token = null;
        }
    }

    private void endLine() {
        endToken();
        if (!tokens.isEmpty()) {
            lines.add(new Line(logicalLineStart, List.copyOf(tokens)));
            tokens = new ArrayList<>();
        }
    }
}
