package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.perdition.abuse.CapturedLog;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.log.Level;
import org.perdition.log.Log;

/**
 * Ours: --proxy_protocol. An L4 balancer's PROXY header (v1 text, v2 binary) in front of a real
 * login to the private Dovecot: the header's source becomes the session's client address in the
 * log; a header from outside the trusted networks, a missing or bad header, and a header that
 * never comes end the connection before any greeting.
 */
class ProxyProtocolMailTest {

    @RegisterExtension
    static final DovecotBehindProxy fixture = new DovecotBehindProxy();

    private final CapturedLog log = new CapturedLog();

    @BeforeEach
    void captureLog() {
        Log.configure(log, Level.INFO);
    }

    @AfterEach
    void restoreLog() {
        Log.configure(org.perdition.log.StreamSink.stderr("perdition"), Level.INFO);
    }

    private Settings settings(Protocol protocol, int backendPort, String trusted) {
        Settings settings = new Settings();
        settings.protocol = protocol;
        settings.bindAddresses.add("127.0.0.1:0");
        settings.mapLibrary = "";
        settings.outgoingServers.add("127.0.0.1:" + backendPort);
        settings.failureDelayMillis = 0;
        settings.pidFile = "";
        settings.noDaemon = true;
        settings.proxyProtocolFrom.add(trusted);
        return settings;
    }

    @Test
    void aV1HeaderGivesTheSessionTheBalancersClientAddress() throws Exception {
        int port = fixture.startProxy(settings(Protocol.IMAP4, fixture.dovecot().imapPort(), "127.0.0.0/8"));
        try (Socket socket = connect(port)) {
            send(socket, "PROXY TCP4 198.51.100.7 127.0.0.1 51234 143\r\n");
            assertThat(readLine(socket)).startsWith("* OK");
            send(socket, "a LOGIN alice " + fixture.dovecot().password("alice") + "\r\n");
            assertThat(readUntilTagged(socket, "a ")).contains("a OK");
            send(socket, "b LOGOUT\r\n");
            assertThat(readUntilTagged(socket, "b ")).contains("b OK");
        }
        assertThat(log.await("Connect:  198.51.100.7:51234->127.0.0.1:" + port)).isTrue();
        assertThat(log.await("Auth: 198.51.100.7:51234->127.0.0.1:" + port)).isTrue();
        assertThat(log.countContaining("127.0.0.1:51234")).isZero();
    }

    @Test
    void aV2BinaryHeaderSplitIntoSingleBytesWorksForPop3() throws Exception {
        int port = fixture.startProxy(settings(Protocol.POP3, fixture.dovecot().pop3Port(), "127.0.0.1"));
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            for (byte b : v2Header((byte) 0x21, new byte[] {(byte) 203, 0, 113, 9}, 40000)) {
                out.write(b);   // one segment per byte: the header may arrive in pieces
                out.flush();
            }
            assertThat(readLine(socket)).startsWith("+OK");
            send(socket, "USER bob\r\n");
            assertThat(readLine(socket)).startsWith("+OK");
            send(socket, "PASS " + fixture.dovecot().password("bob") + "\r\n");
            assertThat(readLine(socket)).startsWith("+OK");
            send(socket, "QUIT\r\n");
            assertThat(readLine(socket)).startsWith("+OK");
        }
        assertThat(log.await("Connect:  203.0.113.9:40000->127.0.0.1:" + port)).isTrue();
    }

    @Test
    void aLocalHeaderFromTheBalancersHealthCheckKeepsTheRealAddress() throws Exception {
        int port = fixture.startProxy(settings(Protocol.POP3, fixture.dovecot().pop3Port(), "127.0.0.1"));
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(v2Header((byte) 0x20, null, 0));
            assertThat(readLine(socket)).startsWith("+OK");
            send(socket, "QUIT\r\n");
            assertThat(readLine(socket)).startsWith("+OK");
        }
        assertThat(log.await("Connect:  127.0.0.1:")).isTrue();
    }

    @Test
    void implicitTlsStartsAfterTheHeader() throws Exception {
        Path dir = Files.createTempDirectory("proxy-protocol-tls");
        TestCertificate certificate = TestCertificate.create(dir);
        Settings settings = settings(Protocol.IMAP4, fixture.dovecot().imapPort(), "127.0.0.1");
        settings.sslMode.add(SslMode.SSL_LISTEN);
        settings.sslCertFile = certificate.cert().toString();
        settings.sslKeyFile = certificate.key().toString();
        int port = fixture.startProxy(settings);
        try (Socket plain = connect(port)) {
            send(plain, "PROXY TCP4 198.51.100.8 127.0.0.1 1234 993\r\n");
            SSLSocket tls = (SSLSocket) TestCertificate.trustingClientContext().getSocketFactory()
                    .createSocket(plain, "127.0.0.1", port, true);
            tls.startHandshake();
            assertThat(readLine(tls)).startsWith("* OK");
            send(tls, "a LOGIN alice " + fixture.dovecot().password("alice") + "\r\n");
            assertThat(readUntilTagged(tls, "a ")).contains("a OK");
        }
        assertThat(log.await("Connect:  198.51.100.8:1234->127.0.0.1:" + port)).isTrue();
    }

    @Test
    void aConnectionFromOutsideTheTrustedNetworksIsClosedBeforeAnyGreeting() throws Exception {
        int port = fixture.startProxy(settings(Protocol.IMAP4, fixture.dovecot().imapPort(), "192.0.2.0/24"));
        try (Socket socket = connect(port)) {
            send(socket, "PROXY TCP4 198.51.100.7 127.0.0.1 51234 143\r\n");
            assertThat(readAll(socket)).isEmpty();
        }
        assertThat(log.await("not in --proxy_protocol: closing")).isTrue();
        assertThat(log.countContaining("Connect:")).isZero();
    }

    @Test
    void aClientThatSkipsTheBalancerGetsNoGreeting() throws Exception {
        int port = fixture.startProxy(settings(Protocol.IMAP4, fixture.dovecot().imapPort(), "127.0.0.1"));
        try (Socket socket = connect(port)) {
            send(socket, "a LOGIN alice " + fixture.dovecot().password("alice") + "\r\n");
            assertThat(readAll(socket)).isEmpty();
        }
        assertThat(log.await("PROXY protocol: bad header from 127.0.0.1:")).isTrue();
        assertThat(log.lines()).noneMatch(line -> line.contains(fixture.dovecot().password("alice")));
        assertThat(log.countContaining("Connect:")).isZero();
    }

    @Test
    void aHeaderThatNeverComesEndsTheConnection() throws Exception {
        Settings settings = settings(Protocol.POP3, fixture.dovecot().pop3Port(), "127.0.0.1");
        settings.authenticateTimeout = 1;   // the header deadline is the smaller of 3 s and this
        int port = fixture.startProxy(settings);
        try (Socket socket = connect(port)) {
            send(socket, "PROXY TCP4 198.51.100.7");   // no CRLF, and nothing more
            assertThat(readAll(socket)).isEmpty();
        }
        assertThat(log.await("PROXY protocol: no header from 127.0.0.1:")).isTrue();
    }

    private static byte[] v2Header(byte versionCommand, byte[] sourceV4, int sourcePort) {
        byte[] signature = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
        boolean local = sourceV4 == null;
        ByteBuffer header = ByteBuffer.allocate(16 + (local ? 0 : 12));
        header.put(signature).put(versionCommand).put(local ? (byte) 0x00 : (byte) 0x11)
                .putShort((short) (local ? 0 : 12));
        if (!local) {
            header.put(sourceV4).put(new byte[] {127, 0, 0, 1}).putShort((short) sourcePort).putShort((short) 110);
        }
        return header.array();
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }

    private static String readUntilTagged(Socket socket, String tag) throws IOException {
        StringBuilder all = new StringBuilder();
        String line;
        do {
            line = readLine(socket);
            all.append(line).append('\n');
        } while (!line.isEmpty() && !line.startsWith(tag));
        return all.toString();
    }

    /** Everything the proxy sends until it closes (bounded by the socket timeout). */
    private static byte[] readAll(Socket socket) throws IOException {
        try {
            return socket.getInputStream().readAllBytes();
        } catch (java.net.SocketException reset) {
            return new byte[0];   // closed with unread input: the kernel sends a reset instead of a FIN
        }
    }
}
