package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.pop3.POP3Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.Daemon;
import org.perdition.cli.SettingsLoader;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.log.LogSetup;

/**
 * Every ssl_mode row end to end: Angus Mail (implicit TLS or STARTTLS) -> our proxy -> private
 * Dovecot (imaps/pop3s, or STARTTLS on its plain ports). The proxy's own certificate is made
 * with openssl per test; the back-end's is verified against Dovecot's (CN=localhost, SAN 127.0.0.1).
 */
class TlsModesMailTest {

    /** How the client reaches the proxy. */
    enum ClientTls { PLAIN, IMPLICIT, STARTTLS }

    private static DovecotServer dovecot;

    @TempDir
    Path dir;

    private TestCertificate certificate;
    private Daemon proxy;

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

    @BeforeEach
    void makeCertificate() throws Exception {
        certificate = TestCertificate.create(dir);
    }

    @AfterEach
    void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private int start(Protocol protocol, int backendPort, Consumer<Settings> options) throws Exception {
        Settings settings = new Settings();
        settings.protocol = protocol;
        configure(settings, backendPort);
        options.accept(settings);
        return start(settings);
    }

    private void configure(Settings settings, int backendPort) {
        settings.bindAddresses.add("127.0.0.1:0");
        settings.mapLibrary = "";
        settings.outgoingServers.add("127.0.0.1:" + backendPort);
        settings.failureDelayMillis = 0;
        settings.logFacility = log().toString();
        settings.pidFile = "";
        settings.noDaemon = true;
        settings.sslCertFile = certificate.cert().toString();
        settings.sslKeyFile = certificate.key().toString();
        settings.sslCaFile = dovecot.certificate().toString();
    }

    private int start(Settings settings) throws Exception {
        LogSetup.configure(settings);
        proxy = Daemon.start(settings);
        return proxy.listenAddresses().get(0).getPort();
    }

    private Path log() {
        return dir.resolve("perdition.log");
    }

    private static Consumer<Settings> modes(SslMode... modes) {
        return s -> s.sslMode.addAll(List.of(modes));
    }

    /** Logs in as alice, counts her INBOX, checks the client's side really was (or was not) TLS. */
    private static int inboxCount(String protocol, int port, ClientTls tls) throws MessagingException {
        Store store = session(protocol, tls).getStore(protocol);
        store.connect("127.0.0.1", port, "alice", "alicepw");
        try {
            boolean ssl = store instanceof IMAPStore imap ? imap.isSSL() : ((POP3Store) store).isSSL();
            assertThat(ssl).as("client side in TLS").isEqualTo(tls != ClientTls.PLAIN);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.getMessageCount();
            inbox.close(false);
            return count;
        } finally {
            store.close();
        }
    }

    private static Session session(String protocol, ClientTls tls) {
        Properties props = new Properties();
        String prefix = "mail." + protocol + ".";
        props.setProperty(prefix + "connectiontimeout", "30000");
        props.setProperty(prefix + "timeout", "60000");
        props.setProperty(prefix + "ssl.trust", "*");
        props.setProperty(prefix + "ssl.enable", Boolean.toString(tls == ClientTls.IMPLICIT));
        props.setProperty(prefix + "starttls.enable", Boolean.toString(tls == ClientTls.STARTTLS));
        props.setProperty(prefix + "starttls.required", Boolean.toString(tls == ClientTls.STARTTLS));
        return Session.getInstance(props);
    }

    /** Both protocols through one mode; the Auth line names both sides' security. */
    private void bothProtocols(ClientTls client, boolean implicitBackend, String clientSecure, String serverSecure,
                               SslMode... modes) throws Exception {
        int imap = start(Protocol.IMAP4, implicitBackend ? dovecot.imapsPort() : dovecot.imapPort(), modes(modes));
        assertThat(inboxCount("imap", imap, client)).isEqualTo(4);
        proxy.close();
        int pop3 = start(Protocol.POP3, implicitBackend ? dovecot.pop3sPort() : dovecot.pop3Port(), modes(modes));
        assertThat(inboxCount("pop3", pop3, client)).isEqualTo(4);
        String text = Files.readString(log());
        assertThat(text).contains("protocol=IMAP4 server-secure=" + serverSecure + " status=\"ok\"")
                .contains("protocol=POP3 server-secure=" + serverSecure + " status=\"ok\"")
                .contains("client-secure=" + clientSecure + " ");
    }

    @Test
    void sslListen() throws Exception {
        bothProtocols(ClientTls.IMPLICIT, false, "ssl", "plaintext", SslMode.SSL_LISTEN);
    }

    @Test
    void tlsListen() throws Exception {
        bothProtocols(ClientTls.STARTTLS, false, "starttls", "plaintext", SslMode.TLS_LISTEN);
    }

    @Test
    void tlsListenForce() throws Exception {
        int imap = start(Protocol.IMAP4, dovecot.imapPort(), modes(SslMode.TLS_LISTEN, SslMode.TLS_LISTEN_FORCE));
        assertThatThrownBy(() -> inboxCount("imap", imap, ClientTls.PLAIN)).isInstanceOf(MessagingException.class);
        assertThat(inboxCount("imap", imap, ClientTls.STARTTLS)).isEqualTo(4);
        proxy.close();
        int pop3 = start(Protocol.POP3, dovecot.pop3Port(), modes(SslMode.TLS_LISTEN, SslMode.TLS_LISTEN_FORCE));
        assertThatThrownBy(() -> inboxCount("pop3", pop3, ClientTls.PLAIN)).isInstanceOf(MessagingException.class)
                .hasMessageContaining("failed: Login Disabled");
        assertThat(inboxCount("pop3", pop3, ClientTls.STARTTLS)).isEqualTo(4);
    }

    @Test
    void sslOutgoing() throws Exception {
        bothProtocols(ClientTls.PLAIN, true, "plaintext", "ssl", SslMode.SSL_OUTGOING);
    }

    @Test
    void tlsOutgoing() throws Exception {
        bothProtocols(ClientTls.PLAIN, false, "plaintext", "starttls", SslMode.TLS_OUTGOING);
    }

    @Test
    void tlsOutgoingForce() throws Exception {
        bothProtocols(ClientTls.PLAIN, false, "plaintext", "starttls", SslMode.TLS_OUTGOING,
                SslMode.TLS_OUTGOING_FORCE);
    }

    @Test
    void sslAll() throws Exception {
        bothProtocols(ClientTls.IMPLICIT, true, "ssl", "ssl", SslMode.SSL_LISTEN, SslMode.SSL_OUTGOING);
    }

    @Test
    void tlsAll() throws Exception {
        bothProtocols(ClientTls.STARTTLS, false, "starttls", "starttls", SslMode.TLS_LISTEN, SslMode.TLS_OUTGOING);
    }

    @Test
    void tlsAllForce() throws Exception {
        bothProtocols(ClientTls.STARTTLS, false, "starttls", "starttls", SslMode.TLS_LISTEN, SslMode.TLS_OUTGOING,
                SslMode.TLS_LISTEN_FORCE, SslMode.TLS_OUTGOING_FORCE);
    }

    /** TLS on both sides of the relay, every byte of every message (the large one included). */
    @Test
    void tlsAllRelaysEveryByte() throws Exception {
        int imap = start(Protocol.IMAP4, dovecot.imapPort(), modes(SslMode.TLS_LISTEN, SslMode.TLS_OUTGOING));
        for (String user : List.of("alice", "bob")) {
            Store store = session("imap", ClientTls.STARTTLS).getStore("imap");
            store.connect("127.0.0.1", imap, user, dovecot.password(user));
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                jakarta.mail.Message[] messages = inbox.getMessages();
                List<TestMessage> expected = dovecot.messages(user);
                assertThat(messages).hasSameSizeAs(expected);
                for (int i = 0; i < messages.length; i++) {
                    byte[] got = MailClient.rawBytes(messages[i]);
                    assertThat(got.length).as("size of %s", expected.get(i).messageId())
                            .isEqualTo(expected.get(i).bytes().length);
                    assertThat(got).isEqualTo(expected.get(i).bytes());
                }
                inbox.close(false);
            } finally {
                store.close();
            }
        }
    }

    @Test
    void outgoingVerificationRefusesAnUntrustedBackend() throws Exception {
        int imap = start(Protocol.IMAP4, dovecot.imapsPort(), modes(SslMode.SSL_OUTGOING).andThen(s -> {
            s.sslCaFile = certificate.cert().toString();   // not Dovecot's issuer
        }));
        assertThatThrownBy(() -> inboxCount("imap", imap, ClientTls.PLAIN)).isInstanceOf(MessagingException.class);
        assertThat(Files.readString(log())).contains("TLS handshake with the back-end failed")
                .contains("status=\"failed: Connection Negotiation Failure\"");
    }

    /** POP3S/IMAP4S from the command line: ssl_all by default, outgoing port 995/993 (spec §1.4, §2.2). */
    @Test
    void implicitTlsProtocolsDefaultToSslAll() throws Exception {
        for (String program : List.of("perdition.imaps", "perdition.pop3s")) {
            Settings settings = SettingsLoader.load(program, new String[] {"-f", "", "--no_daemon"});
            assertThat(settings.sslMode).containsExactlyInAnyOrder(SslMode.SSL_LISTEN, SslMode.SSL_OUTGOING);
            assertThat(settings.effectiveOutgoingPort()).isEqualTo(program.endsWith("imaps") ? "993" : "995");
            boolean imap = program.endsWith("imaps");
            configure(settings, imap ? dovecot.imapsPort() : dovecot.pop3sPort());
            int port = start(settings);
            assertThat(inboxCount(imap ? "imap" : "pop3", port, ClientTls.IMPLICIT)).isEqualTo(4);
            proxy.close();
            proxy = null;
        }
        String text = Files.readString(log());
        assertThat(text).contains("protocol=IMAP4S server-secure=ssl status=\"ok\"")
                .contains("protocol=POP3S server-secure=ssl status=\"ok\"");
    }
}
