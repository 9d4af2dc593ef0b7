package org.perdition.protocol.managesieve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.protocol.ClientEvent;
import org.perdition.protocol.Credentials;

/**
 * A pre-login ManageSieve dialogue written as text, one step a line (the shape of the IMAP
 * module's transcripts):
 * <pre>
 * &#64; maxLiteralSize=8        a setting (maxLineLength, maxLiteralSize, sslMode, managesieveCapability, clientTls)
 * C: NOOP                   client bytes; CRLF is appended ("R:" sends them raw, without CRLF)
 * S: OK "NOOP completed, mate"   expected Reply ("D:" DelayedReply, "X:" Close, "T:" StartTls)
 * &amp;: ...                   one more line of the previous expected event
 * L: authzid | user | password   expected Login ("-" for a null authzid)
 * </pre>
 * Escapes: {@code <CRLF> <CR> <LF> <NUL> <SP>}, {@code <BS>} for a backslash, {@code <Q>} for a quote.
 */
record SieveTranscript(String name, Settings settings, boolean clientTls, List<byte[]> clientChunks,
                       List<String> expected) {

    static List<SieveTranscript> parseAll(String text) {
        List<SieveTranscript> all = new ArrayList<>();
        Builder current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("=== ")) {
                if (current != null) {
                    all.add(current.build());
                }
                current = new Builder(line.substring(4).trim());
            } else if (!line.isBlank()) {
                current.step(line);
            }
        }
        if (current != null) {
            all.add(current.build());
        }
        return all;
    }

    static String unescape(String text) {
        return text.replace("<CRLF>", "\r\n").replace("<CR>", "\r").replace("<LF>", "\n")
                .replace("<NUL>", "\0").replace("<SP>", " ").replace("<BS>", "\\").replace("<Q>", "\"");
    }

    static String escape(String text) {
        return text.replace("\r\n", "<CRLF>").replace("\r", "<CR>").replace("\n", "<LF>").replace("\0", "<NUL>");
    }

    static String render(ClientEvent event) {
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
        return "L:" + escape(String.join(" | ", c.authorisationId() == null ? "-" : c.authorisationId(),
                c.user(), c.password()));
    }

    private static final class Builder {
        private final String name;
        private final Settings settings = new Settings();
        private boolean clientTls;
        private final List<byte[]> chunks = new ArrayList<>();
        private final List<String> expected = new ArrayList<>();

        Builder(String name) {
            this.name = name;
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
                case "managesieveCapability" -> settings.managesieveCapability = unescape(kv[1]);
                case "clientTls" -> clientTls = Boolean.parseBoolean(kv[1]);
                default -> throw new IllegalArgumentException("unknown setting in " + name + ": " + assignment);
            }
        }

        SieveTranscript build() {
            return new SieveTranscript(name, settings, clientTls, List.copyOf(chunks), List.copyOf(expected));
        }
    }
}
