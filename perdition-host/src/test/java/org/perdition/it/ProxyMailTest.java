package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.perdition.Daemon;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;

/**
 * End to end: Angus Mail -> our proxy -> private Dovecot. Every byte a client reads through the
 * proxy must be the byte Dovecot serves directly (which {@link DovecotFixtureTest} pins to the
 * bytes on disk), 10 MiB message included.
 */
class ProxyMailTest {

    private static DovecotServer dovecot;
    private static Daemon imapProxy;
    private static Daemon pop3Proxy;

    @BeforeAll
    static void start() throws Exception {
        dovecot = DovecotServer.start();
        imapProxy = startProxy(Protocol.IMAP4, dovecot.imapPort());
        pop3Proxy = startProxy(Protocol.POP3, dovecot.pop3Port());
    }

    @AfterAll
    static void stop() {
        try {
            closeQuietly(imapProxy);
            closeQuietly(pop3Proxy);
        } finally {
            if (dovecot != null) {
                dovecot.close();
            }
        }
    }

    /** A proxy on a free loopback port, no popmap, every user sent to the one back-end (-s). */
    static Daemon startProxy(Protocol protocol, int backendPort) throws Exception {
        Settings settings = new Settings();
        settings.protocol = protocol;
        settings.bindAddresses.add("127.0.0.1:0");
        settings.mapLibrary = "";
        settings.outgoingServers.add("127.0.0.1:" + backendPort);
        settings.failureDelayMillis = 0;
        settings.logFacility = "+";
        settings.pidFile = "";        // "" = no pid file (spec §7.2); tests must not need /var/run
        settings.noDaemon = true;
        return Daemon.start(settings);
    }

    static int port(Daemon daemon) {
        List<InetSocketAddress> addresses = daemon.listenAddresses();
        assertThat(addresses).hasSize(1);
        assertThat(addresses.get(0).getPort()).isPositive();
        return addresses.get(0).getPort();
    }

    @Test
    void pop3RetrThroughProxyIsByteIdenticalToDovecot() throws Exception {
        Map<String, byte[]> direct = MailClient.pop3(dovecot.pop3Port()).readInbox("bob", "bobpw");
        Map<String, byte[]> proxied = MailClient.pop3(port(pop3Proxy)).readInbox("bob", "bobpw");
        assertSameMessages(proxied, direct);
    }

    @Test
    void imapFetchBodyThroughProxyIsByteIdenticalToDovecot() throws Exception {
        Map<String, byte[]> direct = MailClient.imap(dovecot.imapPort()).readInbox("alice", "alicepw");
        Map<String, byte[]> proxied = MailClient.imap(port(imapProxy)).readInbox("alice", "alicepw");
        assertSameMessages(proxied, direct);
    }

    @Test
    void imapPartialFetchThroughProxyIsByteIdenticalToDovecot() throws Exception {
        Map<String, byte[]> direct = MailClient.imapPartialFetch(dovecot.imapPort()).readInbox("bob", "bobpw");
        Map<String, byte[]> proxied = MailClient.imapPartialFetch(port(imapProxy)).readInbox("bob", "bobpw");
        assertSameMessages(proxied, direct);
    }

    @Test
    void sizesThroughProxyMatchDovecot() throws Exception {
        assertThat(MailClient.imap(port(imapProxy)).inboxSizes("alice", "alicepw"))
                .containsExactly(MailClient.imap(dovecot.imapPort()).inboxSizes("alice", "alicepw"));
        assertThat(MailClient.pop3(port(pop3Proxy)).inboxSizes("alice", "alicepw"))
                .containsExactly(MailClient.pop3(dovecot.pop3Port()).inboxSizes("alice", "alicepw"));
    }

    @Test
    void imapWrongPasswordFailsThenANewConnectionLogsIn() throws Exception {
        int proxy = port(imapProxy);
        assertThatThrownBy(() -> MailClient.imap(proxy).connect("alice", "not-alicepw"))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(countInbox(MailClient.imap(proxy).connect("alice", "alicepw"))).isEqualTo(4);
    }

    @Test
    void pop3WrongPasswordFailsThenANewConnectionLogsIn() throws Exception {
        int proxy = port(pop3Proxy);
        assertThatThrownBy(() -> MailClient.pop3(proxy).connect("bob", "not-bobpw"))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(countInbox(MailClient.pop3(proxy).connect("bob", "bobpw"))).isEqualTo(4);
    }

    @Test
    void imapLoginWithQuotedPasswordReachesDovecotUnchanged() throws Exception {
        // Angus sends LOGIN carol "pa ss\"w\\rd": the proxy must unquote it (spec bug B14 fixed)
        // and quote it again for the back-end
        String password = dovecot.password("carol");
        assertThat(password).contains(" ", "\"", "\\");
        Map<String, byte[]> proxied = MailClient.imap(port(imapProxy)).readInbox("carol", password);
        assertThat(proxied.keySet()).containsExactlyElementsOf(
                dovecot.messages("carol").stream().map(TestMessage::messageId).toList());
    }

    private static int countInbox(Store store) throws Exception {
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.getMessageCount();
            inbox.close(false);
            return count;
        } finally {
            store.close();
        }
    }

    private static void assertSameMessages(Map<String, byte[]> proxied, Map<String, byte[]> direct) {
        assertThat(direct).hasSize(4);
        assertThat(proxied.keySet()).containsExactlyElementsOf(direct.keySet());
        for (Map.Entry<String, byte[]> expected : direct.entrySet()) {
            byte[] got = proxied.get(expected.getKey());
            // lengths first: an AssertJ diff of two 10 MiB arrays is unreadable
            assertThat(got.length).as("size of %s", expected.getKey()).isEqualTo(expected.getValue().length);
            assertThat(got).as("bytes of %s", expected.getKey()).isEqualTo(expected.getValue());
        }
    }

    /** Tear-down must stop everything even when one close fails; the failure is still shown. */
    private static void closeQuietly(Daemon daemon) {
        if (daemon == null) {
            return;
        }
        try {
            daemon.close();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
