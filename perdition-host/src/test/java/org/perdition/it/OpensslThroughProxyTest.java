package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.Daemon;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/** A second, independent TLS client: {@code openssl s_client}, implicit and with -starttls, through the proxy. */
class OpensslThroughProxyTest {

    private static DovecotServer dovecot;

    @TempDir
    Path dir;

    private Daemon proxy;

    @BeforeAll
    static void start() throws Exception {
        dovecot = DovecotServer.start();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @AfterEach
    void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private int proxy(Protocol protocol, int backendPort, SslMode mode) throws Exception {
        TestCertificate certificate = TestCertificate.create(dir);
        Settings settings = new Settings();
        settings.protocol = protocol;
        settings.bindAddresses.add("127.0.0.1:0");
        settings.mapLibrary = "";
        settings.outgoingServers.add("127.0.0.1:" + backendPort);
        settings.failureDelayMillis = 0;
        settings.logFacility = "+";
        settings.pidFile = "";
        settings.noDaemon = true;
        settings.sslMode.add(mode);
        settings.sslCertFile = certificate.cert().toString();
        settings.sslKeyFile = certificate.key().toString();
        proxy = Daemon.start(settings);
        return proxy.listenAddresses().get(0).getPort();
    }

    /** Runs s_client, feeds it {@code input} once TLS is up, returns everything it printed. */
    private String sClient(int port, String starttls, String input) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-quiet", "-crlf"));
        if (starttls != null) {
            command.addAll(List.of("-starttls", starttls));
        }
        Path output = dir.resolve("s_client.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.ISO_8859_1));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return Files.readString(output, StandardCharsets.ISO_8859_1);
    }

    @Test
    void imapStarttls() throws Exception {
        int port = proxy(Protocol.IMAP4, dovecot.imapPort(), SslMode.TLS_LISTEN);
        String out = sClient(port, "imap", "a LOGIN alice alicepw\nb SELECT INBOX\nc LOGOUT\n");
        assertThat(out).contains("a OK You are so in").contains("* 4 EXISTS").contains("c OK");
    }

    @Test
    void pop3Stls() throws Exception {
        int port = proxy(Protocol.POP3, dovecot.pop3Port(), SslMode.TLS_LISTEN);
        String out = sClient(port, "pop3", "USER bob\nPASS bobpw\nSTAT\nQUIT\n");
        assertThat(out).contains("+OK You are so in").containsPattern("\\+OK 4 \\d+");
    }

    @Test
    void imapImplicitTls() throws Exception {
        int port = proxy(Protocol.IMAP4, dovecot.imapPort(), SslMode.SSL_LISTEN);
        String out = sClient(port, null, "a LOGIN alice alicepw\nb LOGOUT\n");
        assertThat(out).containsPattern("\\* OK \\[CAPABILITY [^]]*\\] perdition ready on ")
                .contains("a OK You are so in").contains("b OK");
    }
}
