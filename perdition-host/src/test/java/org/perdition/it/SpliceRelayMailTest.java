package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.perdition.abuse.ProxyHarness;
import org.perdition.config.Protocol;
import org.perdition.relay.SpliceRelay;
import org.perdition.relay.SpliceRelayHandler;

/**
 * The relay after login against the real Dovecot, 10 MiB message included: on the splice(2) path
 * (both sides plain TCP on epoll) and on the copy path ({@code -Dperdition.relay.splice=false}),
 * the client must get exactly Dovecot's bytes, and the close line's {@code received=} /
 * {@code sent=} (spec §6.1) must be the bytes the client actually sent and got after its login.
 */
class SpliceRelayMailTest {

    private static final Pattern CLOSING = Pattern.compile("Closing session: .* received=(\\d+) sent=(\\d+)");
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}\r\n");
    private static DovecotServer dovecot;
    private ProxyHarness proxy;

    @BeforeAll
    static void startDovecot() throws Exception {
        dovecot = DovecotServer.start();
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @AfterEach
    void stopProxy() throws Exception {
        System.clearProperty("perdition.relay.splice");
        if (proxy != null) {
            proxy.close();
        }
    }

    private InetSocketAddress proxy(Protocol protocol, int backendPort, int timeout) throws Exception {
        proxy = ProxyHarness.start(protocol, s -> {
            s.outgoingServers.add("127.0.0.1:" + backendPort);
            s.timeout = timeout;
        });
        return proxy.address();
    }

    @Test
    void pop3PipelinedRetrOfTenMibAndQuitOnTheSplicePath() throws Exception {
        long splicedBefore = SpliceRelay.started();
        InetSocketAddress address = proxy(Protocol.POP3, dovecot.pop3Port(), 0);
        byte[] direct = pop3RetrAndQuit(new InetSocketAddress("127.0.0.1", dovecot.pop3Port()));
        byte[] proxied = pop3RetrAndQuit(address);

        assertThat(SpliceRelay.started()).isEqualTo(splicedBefore + 1);
        assertThat(proxied.length).isGreaterThan(10 * 1024 * 1024);
        assertThat(Arrays.equals(proxied, direct)).as("the relayed bytes are Dovecot's").isTrue();
        assertClosingCounts("RETR 4\r\nQUIT\r\n".length(), proxied.length);
    }

    @Test
    void pop3PipelinedRetrOfTenMibAndQuitOnTheCopyPath() throws Exception {
        System.setProperty("perdition.relay.splice", "false");
        long splicedBefore = SpliceRelay.started();
        InetSocketAddress address = proxy(Protocol.POP3, dovecot.pop3Port(), 0);
        byte[] direct = pop3RetrAndQuit(new InetSocketAddress("127.0.0.1", dovecot.pop3Port()));
        byte[] proxied = pop3RetrAndQuit(address);

        assertThat(SpliceRelay.started()).isEqualTo(splicedBefore);
        assertThat(Arrays.equals(proxied, direct)).as("the relayed bytes are Dovecot's").isTrue();
        assertClosingCounts("RETR 4\r\nQUIT\r\n".length(), proxied.length);
    }

    @Test
    void smallCommandsNeverStartTheSplice() throws Exception {
        long directionsBefore = SpliceRelayHandler.directionsSpliced();
        long splicedBefore = SpliceRelay.started();
        InetSocketAddress address = proxy(Protocol.IMAP4, dovecot.imapPort(), 0);
        String commands = "b SELECT INBOX\r\nc NOOP\r\nd FETCH 1 FLAGS\r\ne LOGOUT\r\n";
        byte[] proxied = imapAfterLogin(address, commands);

        // The session took the splice relay, but no read was a bulk one: Netty's per-channel splice
        // queue (~4.6 KB) was never allocated, which is what keeps an idle session small (issue 8).
        assertThat(SpliceRelay.started()).isEqualTo(splicedBefore + 1);
        assertThat(SpliceRelayHandler.directionsSpliced()).isEqualTo(directionsBefore);
        assertThat(new String(proxied, StandardCharsets.ISO_8859_1)).contains("e OK");
        assertClosingCounts(commands.length(), proxied.length);
    }

    @Test
    void imapFetchOfTenMibOnTheSplicePathIsDovecotsLiteral() throws Exception {
        long directionsBefore = SpliceRelayHandler.directionsSpliced();
        long splicedBefore = SpliceRelay.started();
        InetSocketAddress address = proxy(Protocol.IMAP4, dovecot.imapPort(), 0);
        String commands = "b SELECT INBOX\r\nc FETCH 4 BODY.PEEK[]\r\nd LOGOUT\r\n";
        byte[] direct = imapAfterLogin(new InetSocketAddress("127.0.0.1", dovecot.imapPort()), commands);
        byte[] proxied = imapAfterLogin(address, commands);

        assertThat(SpliceRelay.started()).isEqualTo(splicedBefore + 1);
        assertThat(SpliceRelayHandler.directionsSpliced()).as("the bulk read switched both sides")
                .isEqualTo(directionsBefore + 2);
        byte[] literal = literal(proxied);
        assertThat(literal.length).isGreaterThan(10 * 1024 * 1024);
        assertThat(Arrays.equals(literal, literal(direct))).as("the relayed message is Dovecot's").isTrue();
        assertClosingCounts(commands.length(), proxied.length);
    }

    @Test
    void connectionLoggingTakesTheCopyPathWithTheSameCounts() throws Exception {
        long splicedBefore = SpliceRelay.started();
        proxy = ProxyHarness.start(Protocol.POP3, s -> {
            s.outgoingServers.add("127.0.0.1:" + dovecot.pop3Port());
            s.connectionLogging = true;    // -C with -d (the harness's default) logs the relayed bytes
        });
        byte[] proxied;
        try (Socket socket = connect(proxy.address())) {
            InputStream in = socket.getInputStream();
            login(socket, in);
            socket.getOutputStream().write("NOOP\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            proxied = in.readAllBytes();
        }
        assertThat(SpliceRelay.started()).isEqualTo(splicedBefore);
        assertThat(proxy.log().countContaining("CLIENT: \"NOOP")).isEqualTo(1);
        assertClosingCounts("NOOP\r\nQUIT\r\n".length(), proxied.length);
    }

    @Test
    void idleSplicedSessionEndsAfterTheTimeout() throws Exception {
        InetSocketAddress address = proxy(Protocol.POP3, dovecot.pop3Port(), 1);
        try (Socket socket = connect(address)) {
            InputStream in = socket.getInputStream();
            login(socket, in);
            assertThat(ask(socket, in, "NOOP")).startsWith("+OK");
            assertThat(in.read()).as("closed by the proxy").isEqualTo(-1);
        }
        assertThat(proxy.log().await("Timeout piping data.")).isTrue();
    }

    @Test
    void busySplicedSessionOutlivesTheTimeout() throws Exception {
        long splicedBefore = SpliceRelay.started();
        InetSocketAddress address = proxy(Protocol.POP3, dovecot.pop3Port(), 1);
        try (Socket socket = connect(address)) {
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);   // 10 MiB: no read(2) per byte
            login(socket, in);
            long directionsBefore = SpliceRelayHandler.directionsSpliced();
            socket.getOutputStream().write("RETR 4\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readMultiline(in).length).isGreaterThan(10 * 1024 * 1024);
            assertThat(SpliceRelayHandler.directionsSpliced()).isEqualTo(directionsBefore + 2);
            // Round trips for three timeouts' worth: both sides splice since the RETR's bulk read,
            // the bytes never pass the pipeline, and the session must still count as busy.
            long end = System.nanoTime() + 3_000_000_000L;
            int answered = 0;
            while (System.nanoTime() < end) {
                assertThat(ask(socket, in, "NOOP")).startsWith("+OK");
                answered++;
            }
            assertThat(answered).isPositive();
        }
        assertThat(SpliceRelay.started()).isEqualTo(splicedBefore + 1);
        assertThat(proxy.log().countContaining("Timeout piping data.")).isZero();
    }

    private void assertClosingCounts(long received, long sent) {
        assertThat(proxy.log().await("Closing session:")).isTrue();
        String line = proxy.log().lines().stream().filter(l -> l.contains("Closing session:")).findFirst().orElseThrow();
        Matcher m = CLOSING.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        assertThat(Long.parseLong(m.group(1))).as("received=").isEqualTo(received);
        assertThat(Long.parseLong(m.group(2))).as("sent=").isEqualTo(sent);
    }

    /** Logs in as bob, sends RETR 4 and QUIT in one write, returns every byte after the PASS reply. */
    private static byte[] pop3RetrAndQuit(InetSocketAddress address) throws IOException {
        try (Socket socket = connect(address)) {
            InputStream in = socket.getInputStream();
            login(socket, in);
            socket.getOutputStream().write("RETR 4\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            return in.readAllBytes();
        }
    }

    private static void login(Socket socket, InputStream in) throws IOException {
        assertThat(line(in)).startsWith("+OK");
        assertThat(ask(socket, in, "USER bob")).startsWith("+OK");
        assertThat(ask(socket, in, "PASS " + dovecot.password("bob"))).startsWith("+OK");
    }

    /** Logs in as alice, sends {@code commands} in one write, returns every byte after the LOGIN reply. */
    private static byte[] imapAfterLogin(InetSocketAddress address, String commands) throws IOException {
        try (Socket socket = connect(address)) {
            InputStream in = socket.getInputStream();
            assertThat(line(in)).startsWith("* OK");
            String reply;
            socket.getOutputStream().write(("a LOGIN alice " + dovecot.password("alice") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            do {
                reply = line(in);
            } while (!reply.startsWith("a "));
            assertThat(reply).startsWith("a OK");
            socket.getOutputStream().write(commands.getBytes(StandardCharsets.US_ASCII));
            return in.readAllBytes();
        }
    }

    private static byte[] literal(byte[] transcript) {
        String text = new String(transcript, StandardCharsets.ISO_8859_1);
        Matcher m = LITERAL.matcher(text);
        assertThat(m.find()).as("a literal in the FETCH reply").isTrue();
        return Arrays.copyOfRange(transcript, m.end(), m.end() + Integer.parseInt(m.group(1)));
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static String ask(Socket socket, InputStream in, String command) throws IOException {
        socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return line(in);
    }

    /** A POP3 multi-line reply up to its "." line; returns it, status line included. */
    private static byte[] readMultiline(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        String line;
        do {
            line = line(in);
            reply.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } while (!line.equals("."));
        return reply.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }
}
