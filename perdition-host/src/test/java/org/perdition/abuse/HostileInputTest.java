package org.perdition.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Abuse before login (issue 9): hostile bytes in place of a command, for POP3, IMAP and ManageSieve.
 * Each gets the protocol's error or a clean close, never an exception in the log; when the
 * connection survives, a following NOOP is still answered.
 */
class HostileInputTest extends AbuseSuite {

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Dialect d : Dialect.values()) {
            String t = d == Dialect.IMAP ? "a0 " : "";
            cases.add(Arguments.of(d, "NUL bytes", (t + "NO\0OP\0\r\n").getBytes(StandardCharsets.ISO_8859_1)));
            cases.add(Arguments.of(d, "NUL in a login", (d == Dialect.POP3 ? "USER b\0ob\r\n"
                    : d == Dialect.IMAP ? "a0 LOGIN b\0ob pw\r\n" : "AUTHENTICATE \"PL\0AIN\"\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)));
            cases.add(Arguments.of(d, "invalid UTF-8", concat(t + "NOOP ", new byte[] {(byte) 0xc3, 0x28,
                    (byte) 0xff, (byte) 0xfe, (byte) 0xed, (byte) 0xa0, (byte) 0x80}, "\r\n")));
            cases.add(Arguments.of(d, "invalid UTF-8 user", concat(d == Dialect.IMAP ? "a0 LOGIN " : "USER ",
                    new byte[] {(byte) 0xc0, (byte) 0xaf, (byte) 0xf8}, d == Dialect.IMAP ? " pw\r\n" : "\r\n")));
            cases.add(Arguments.of(d, "lone CR", (t + "NOOP\r" + t + "NOOP\r").getBytes(StandardCharsets.ISO_8859_1)));
            cases.add(Arguments.of(d, "lone LF", (t + "NOOP\n").getBytes(StandardCharsets.ISO_8859_1)));
            cases.add(Arguments.of(d, "garbage after the command",
                    (t + "NOOP garbage \"unterminated {12\r\n").getBytes(StandardCharsets.ISO_8859_1)));
            cases.add(Arguments.of(d, "control bytes", concat(t, new byte[] {1, 2, 3, 27, '[', '2', 'J', 127}, "\r\n")));
            cases.add(Arguments.of(d, "literal {4294967296}", (d == Dialect.IMAP ? "a0 LOGIN {4294967296}\r\n"
                    : d == Dialect.MANAGESIEVE ? "AUTHENTICATE \"PLAIN\" {4294967296}\r\n" : "USER {4294967296}\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)));
            cases.add(Arguments.of(d, "literal {99999999999999999999}", (d == Dialect.IMAP
                    ? "a0 LOGIN {99999999999999999999}\r\n"
                    : d == Dialect.MANAGESIEVE ? "AUTHENTICATE \"PLAIN\" {99999999999999999999+}\r\n"
                    : "USER {99999999999999999999}\r\n").getBytes(StandardCharsets.ISO_8859_1)));
            cases.add(Arguments.of(d, "literal {-1}", (d == Dialect.IMAP ? "a0 LOGIN {-1}\r\n"
                    : "AUTHENTICATE \"PLAIN\" {-1}\r\n").getBytes(StandardCharsets.ISO_8859_1)));
            if (d == Dialect.IMAP) {
                cases.add(Arguments.of(d, "tag only", "a0\r\n".getBytes(StandardCharsets.ISO_8859_1)));
                cases.add(Arguments.of(d, "garbage tag", "*** NOOP\r\n".getBytes(StandardCharsets.ISO_8859_1)));
                cases.add(Arguments.of(d, "empty line", "\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        return cases.stream();
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] t = tail.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(middle, 0, all, h.length, middle.length);
        System.arraycopy(t, 0, all, h.length + middle.length, t.length);
        return all;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void hostileBytesGetAnErrorOrACleanClose(Dialect dialect, String name, byte[] payload) throws Exception {
        proxy = ProxyHarness.start(dialect.protocol(), s -> s.authenticateTimeout = 5);
        RawClient c = proxy.client();
        assertThat(dialect.readGreeting(c)).isNotNull();
        c.send(payload);
        // Then a well-formed NOOP: its reply marks the end of what the hostile bytes caused.
        int n = 99;
        try {
            c.send("\r\n" + dialect.noop(n) + "\r\n");
        } catch (java.io.IOException closedAlready) {
            // the proxy closed on the hostile bytes: checked below
        }
        List<String> replies = new ArrayList<>();
        String line = c.read();
        while (line != null && !dialect.isNoopReply(line, n)) {
            replies.add(line);
            line = c.read();
        }
        boolean closed = line == null;
        assertThat(replies).as("replies to %s before the NOOP's (closed: %s)", name, closed)
                .allSatisfy(r -> assertThat(dialect.isReply(r)).as(r).isTrue());
        System.out.println(dialect + " / " + name + ": " + replies + (closed ? " then closed" : " then NOOP answered"));
        if (!closed) {
            assertThat(dialect.isNoopReply(line, n)).isTrue();
        }
    }
}
