package org.perdition.starttls;

import java.io.IOException;
import java.util.function.UnaryOperator;
import org.perdition.abuse.Dialect;

/**
 * STARTTLS back-ends for the NoSTARTTLS client-side cases, one per protocol: they offer STARTTLS
 * (or not), answer it with the text the test gives (a go-ahead with lines injected behind it, a
 * refusal, a forged tag), switch to TLS on a go-ahead and then accept any login.
 */
final class BackendScripts {

    /** What the back-end does. */
    record Behaviour(boolean offersStarttls, UnaryOperator<String> starttlsReply, String capabilitiesAfterTls) {
    }

    private BackendScripts() {
    }

    static StarttlsBackend.Script of(Dialect d, Behaviour b) {
        return switch (d) {
            case POP3 -> c -> pop3(c, b);
            case IMAP -> c -> imap(c, b, "IMAP4rev1" + (b.offersStarttls() ? " STARTTLS" : ""));
            case MANAGESIEVE -> c -> sieve(c, b);
        };
    }

    /** The go-ahead of each protocol (IMAP: for {@code tag}). */
    static String goAhead(Dialect d, String tag) {
        return switch (d) {
            case POP3 -> "+OK Begin TLS\r\n";
            case IMAP -> tag + " OK Begin TLS\r\n";
            case MANAGESIEVE -> "OK \"Begin TLS\"\r\n";
        };
    }

    static void pop3(StarttlsBackend.Conversation c, Behaviour b) throws IOException {
        c.send("+OK fake POP3 ready\r\n");
        String line = c.read();
        if ("CAPA".equals(line)) {
            c.send("+OK\r\nUSER\r\n" + (b.offersStarttls() ? "STLS\r\n" : "") + ".\r\n");
            line = c.read();
        }
        if ("STLS".equals(line)) {
            String reply = b.starttlsReply().apply("");
            c.send(reply);
            if (!reply.startsWith("+OK")) {
                c.drain();
                return;
            }
            c.startTls();
            line = c.read();
        }
        if (line == null || !line.startsWith("USER ")) {
            c.drain();
            return;
        }
        c.send("+OK\r\n");
        if (c.read() != null) {
            c.send("+OK logged in\r\n");
            c.drain();
        }
    }

    static void imap(StarttlsBackend.Conversation c, Behaviour b, String greetingCapabilities) throws IOException {
        c.send("* OK [CAPABILITY " + greetingCapabilities + "] fake IMAP ready\r\n");
        String line = c.read();
        if (line != null && line.endsWith(" STARTTLS")) {
            String reply = b.starttlsReply().apply(tag(line));
            c.send(reply);
            if (!reply.contains(tag(line) + " OK")) {
                c.drain();
                return;
            }
            c.startTls();
            line = c.read();
            if (line != null && line.endsWith(" CAPABILITY")) {
                c.send("* CAPABILITY " + b.capabilitiesAfterTls() + "\r\n" + tag(line) + " OK done\r\n");
                line = c.read();
            }
        }
        if (line == null || !line.contains(" LOGIN ")) {
            c.drain();
            return;
        }
        String tag = tag(line);
        if (line.endsWith("+}")) {
            c.read();
            c.read();
        } else {
            c.send("+ go on\r\n");
            c.read();
            c.send("+ go on\r\n");
            c.read();
        }
        c.send(tag + " OK logged in\r\n");
        c.drain();
    }

    static void sieve(StarttlsBackend.Conversation c, Behaviour b) throws IOException {
        c.send("\"IMPLEMENTATION\" \"fake\"\r\n\"SASL\" \"PLAIN\"\r\n" + (b.offersStarttls() ? "\"STARTTLS\"\r\n" : "")
                + "OK \"ready\"\r\n");
        String line = c.read();
        if ("STARTTLS".equals(line)) {
            String reply = b.starttlsReply().apply("");
            c.send(reply);
            if (!reply.startsWith("OK")) {
                c.drain();
                return;
            }
            c.startTls();
            c.send("\"IMPLEMENTATION\" \"fake\"\r\n" + b.capabilitiesAfterTls() + "OK \"TLS done\"\r\n");
            line = c.read();
        }
        if (line == null || !line.startsWith("AUTHENTICATE ")) {
            c.drain();
            return;
        }
        c.send("OK \"logged in\"\r\n");
        c.drain();
    }

    private static String tag(String line) {
        return line.split(" ", 2)[0];
    }
}
