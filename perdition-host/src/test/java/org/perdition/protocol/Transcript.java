package org.perdition.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/**
 * A pre-login dialogue written as text, one step a line; shared by the IMAP and ManageSieve
 * transcript tests, each protocol adding its own settings and Login fields through a
 * {@link Dialect}:
 * <pre>
 * === name of the transcript
 * &#64; maxLiteralSize=8        a setting (maxLineLength, maxLiteralSize, sslMode, clientTls, or the dialect's)
 * C: a LOGIN {3}            client bytes; CRLF is appended ("R:" sends them raw, without CRLF)
 * S: + OK ...               expected Reply ("D:" DelayedReply, "X:" Close, "T:" StartTls)
 * &amp;: a OK CAPABILITY       one more line of the previous expected event
 * L: authzid | user | password [| dialect fields]   expected Login ("-" for a null authzid)
 * </pre>
 * Escapes: {@code <CRLF> <CR> <LF> <NUL> <SP>}, {@code <BS>} for a backslash, {@code <Q>} for a quote
 * (spares Java escaping).
 */
public record Transcript(String name, Settings settings, boolean clientTls, List<byte[]> clientChunks,
                         List<String> expected) {

    /** What differs between protocols: the module, its own settings, the Login's extra fields. */
    public interface Dialect {
        ProtocolModule module();

        /** Applies a protocol-specific {@code @ key=value}; false when the key is unknown. */
        boolean setting(Settings settings, String key, String value);

        /** Fields of a Login after authzid, user and password (IMAP: the tag). */
        List<String> loginFields(Credentials credentials);
    }

    private static final String SEPARATOR = " | ";

    /** Splits a block of "=== name" sections into transcripts. */
    public static List<Transcript> parseAll(String text, Dialect dialect) {
        List<Transcript> all = new ArrayList<>();
        Builder current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("=== ")) {
                if (current != null) {
                    all.add(current.build());
                }
                current = new Builder(line.substring(4).trim(), dialect);
            } else if (!line.isBlank()) {
                current.step(line);
            }
        }
        if (current != null) {
            all.add(current.build());
        }
        return all;
    }

    public static String unescape(String text) {
        return text.replace("<CRLF>", "\r\n").replace("<CR>", "\r").replace("<LF>", "\n")
                .replace("<NUL>", "\0").replace("<SP>", " ").replace("<BS>", "\\").replace("<Q>", "\"");
    }

    static String escape(String text) {
        return text.replace("\r\n", "<CRLF>").replace("\r", "<CR>").replace("\n", "<LF>").replace("\0", "<NUL>");
    }

    /** One event the way {@link #expected} spells it. */
    static String render(ClientEvent event, Dialect dialect) {
        if (event instanceof ClientEvent.Reply reply) {
            return "S:" + escape(reply.text());
        }
        if (event instanceof ClientEvent.DelayedReply reply) {
            return "D:" + escape(reply.text());
        }
        if (event instanceof ClientEvent.Close close) {
            return "X:" + escape(close.text());
        }
        if (event instanceof ClientEvent.StartTls startTls) {
            return "T:" + escape(startTls.text());
        }
        Credentials c = ((ClientEvent.Login) event).credentials();
        List<String> fields = new ArrayList<>(List.of(c.authorisationId() == null ? "-" : c.authorisationId(),
                c.user(), c.password()));
        fields.addAll(dialect.loginFields(c));
        return "L:" + escape(String.join(SEPARATOR, fields));
    }

    private static final class Builder {
        private final String name;
        private final Dialect dialect;
        private final Settings settings = new Settings();
        private boolean clientTls;
        private final List<byte[]> chunks = new ArrayList<>();
        private final List<String> expected = new ArrayList<>();

        Builder(String name, Dialect dialect) {
            this.name = name;
            this.dialect = dialect;
        }

        void step(String line) {
            if (line.startsWith("@ ")) {
                setting(line.substring(2).trim());
                return;
            }
            String kind = line.substring(0, 2);
            String body = unescape(line.length() > 3 ? line.substring(3) : "");
            switch (kind) {
                case "C:" -> chunks.add((body + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                case "R:" -> chunks.add(body.getBytes(StandardCharsets.ISO_8859_1));
                case "S:", "D:", "X:", "T:" -> expected.add(kind + escape(body + "\r\n"));
                case "&:" -> expected.set(expected.size() - 1,
                        expected.get(expected.size() - 1) + escape(body + "\r\n"));
                case "L:" -> expected.add("L:" + escape(body));
                default -> throw new IllegalArgumentException("bad transcript line in " + name + ": " + line);
            }
        }

        private void setting(String assignment) {
            String[] kv = assignment.split("=", 2);
            switch (kv[0]) {
                case "maxLineLength" -> settings.maxLineLength = Integer.parseInt(kv[1]);
                case "maxLiteralSize" -> settings.maxLiteralSize = Integer.parseInt(kv[1]);
                case "sslMode" -> settings.sslMode.add(SslMode.valueOf(kv[1]));
                case "clientTls" -> clientTls = Boolean.parseBoolean(kv[1]);
                default -> {
                    if (!dialect.setting(settings, kv[0], kv[1])) {
                        throw new IllegalArgumentException("unknown setting in " + name + ": " + assignment);
                    }
                }
            }
        }

        Transcript build() {
            return new Transcript(name, settings, clientTls, List.copyOf(chunks), List.copyOf(expected));
        }
    }
}
