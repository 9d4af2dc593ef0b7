package org.perdition.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The config file grammar of perdition 2.2 (libvanessa-adt {@code vanessa_config_file_read},
 * flags 0; spec §2.4), written anew:
 * <ul>
 * <li>leading blanks are skipped; the key runs to the first unquoted, unescaped space or tab;</li>
 * <li>everything after the key and its blanks is ONE value, trailing blanks removed (blanks that
 *     were quoted or escaped stay); no value = a flag;</li>
 * <li>{@code #} starts a comment; {@code \x} makes x literal; backslash-newline joins lines with
 *     nothing inserted, also inside a comment (which then goes on);</li>
 * <li>{@code '...'} is literal, {@code "..."} is literal except that backslash still escapes;
 *     a newline inside quotes is dropped and the quote goes on (as in vanessa);</li>
 * <li>CR ends a line like LF.</li>
 * </ul>
 * Differences, on purpose: a last line without a newline is kept (vanessa dropped it), an
 * unterminated quote is an error, and tokens are not cut at 4093 bytes.
 */
public final class ConfigFileReader {

    /** One line of the file: {@code value} is null for a flag. {@code line} is where the key starts. */
    public record Entry(int line, String key, String value) {
    }

    /** Grammar error, with the line number where the problem is. */
    public static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        SyntaxException(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private enum Phase { BEFORE_KEY, KEY, AFTER_KEY, VALUE }

    private final List<Entry> entries = new ArrayList<>();
    private final StringBuilder token = new StringBuilder();
    private Phase phase = Phase.BEFORE_KEY;
    private String key;
    private int keyLine;
    /** Token length up to which blanks were quoted or escaped and survive trimming. */
    private int protectedLength;
    private char quote;
    private int quoteLine;
    private boolean escape;
    private boolean comment;
    private int line = 1;
    private boolean lastWasCr;

    private ConfigFileReader() {
    }

    public static List<Entry> parse(String text) throws SyntaxException {
        ConfigFileReader reader = new ConfigFileReader();
        for (int i = 0; i < text.length(); i++) {
            reader.accept(text.charAt(i));
        }
        if (reader.quote != 0) {
            throw new SyntaxException(reader.quoteLine, "unterminated " + reader.quote + " quote");
        }
        reader.endLine();
        return reader.entries;
    }

    private void accept(char c) {
        boolean newline = c == '\n' || c == '\r';
        if (c == '\n' && lastWasCr) {
            line--; // CRLF: two line ends for the grammar, one line for error messages
        }
        lastWasCr = c == '\r';
        if (escape) {
            escape = false;
            if (newline) {
                line++; // backslash-newline: join, nothing inserted; a comment goes on
            } else if (!comment) {
                literal(c);
            }
        } else if (comment) {
            if (c == '\\') {
                escape = true;
            } else if (newline) {
                endLine();
            }
        } else if (quote != 0) {
            inQuote(c, newline);
        } else if (newline) {
            endLine();
        } else {
            plain(c);
        }
    }

    private void inQuote(char c, boolean newline) {
        if (c == quote) {
            quote = 0;
            protectedLength = token.length();
        } else if (c == '\\' && quote == '"') {
            escape = true;
        } else if (newline) {
            line++;
        } else {
            token.append(c);
        }
    }

    private void plain(char c) {
        switch (c) {
            case ' ', '\t' -> {
                if (phase == Phase.KEY) {
                    endKey();
                } else if (phase == Phase.VALUE) {
                    token.append(c);
                }
            }
            case '\\' -> {
                escape = true;
                if (phase == Phase.AFTER_KEY) {
                    phase = Phase.VALUE; // as in vanessa the backslash starts the value, even before a newline
                }
            }
            case '#' -> {
                if (phase == Phase.KEY) {
                    endKey();
                }
                comment = true;
            }
            case '"', '\'' -> {
                startToken();
                quote = c;
                quoteLine = line;
            }
            default -> {
                startToken();
                token.append(c);
            }
        }
    }

    private void literal(char c) {
        startToken();
        token.append(c);
        protectedLength = token.length();
    }

    private void startToken() {
        if (phase == Phase.BEFORE_KEY) {
            phase = Phase.KEY;
            keyLine = line;
        } else if (phase == Phase.AFTER_KEY) {
            phase = Phase.VALUE;
        }
    }

    private void endKey() {
        key = token.toString();
        token.setLength(0);
        protectedLength = 0;
        phase = Phase.AFTER_KEY;
    }

    private void endLine() {
        if (phase == Phase.KEY) {
            endKey();
        }
        if (key != null) {
            String value = null;
            if (phase == Phase.VALUE) {
                int end = token.length();
                while (end > protectedLength && (token.charAt(end - 1) == ' ' || token.charAt(end - 1) == '\t')) {
                    end--;
                }
                value = token.substring(0, end);
            }
            entries.add(new Entry(keyLine, key, value));
        }
        key = null;
        token.setLength(0);
        protectedLength = 0;
        phase = Phase.BEFORE_KEY;
        comment = false;
        line++;
    }
}
