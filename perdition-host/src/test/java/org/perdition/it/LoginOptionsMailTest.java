package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.perdition.Daemon;
import org.perdition.auth.PamTestService;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;

/**
 * -a (real PAM), -O and -o through the running proxy against the private Dovecot. The -o
 * replies are compared with what Dovecot says to the same commands directly, so nothing about
 * Dovecot's wording is hard-coded.
 */
class LoginOptionsMailTest {

    private static final String OK_LINE = "Welcome aboard, mate";
    /** bob's local (PAM) password differs from his Dovecot password: PAM must refuse bobpw. */
    private static final String BOB_LOCAL = "bob-local-only";

    private static DovecotServer dovecot;
    private static PamTestService pam;
    private static final List<Daemon> proxies = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        dovecot = DovecotServer.start();
    }

    @AfterAll
    static void stop() {
        try {
            for (Daemon proxy : proxies) {
                proxy.close();
            }
        } finally {
            if (pam != null) {
                pam.close();
            }
            if (dovecot != null) {
                dovecot.close();
            }
        }
    }

    private static int proxy(Protocol protocol, Consumer<Settings> options) throws Exception {
        Settings settings = new Settings();
        settings.protocol = protocol;
        settings.bindAddresses.add("127.0.0.1:0");
        settings.mapLibrary = "";
        settings.outgoingServers.add("127.0.0.1:" + (protocol == Protocol.POP3 ? dovecot.pop3Port() : dovecot.imapPort()));
        settings.failureDelayMillis = 0;
        settings.logFacility = "+";
        settings.pidFile = "";
        settings.noDaemon = true;
        options.accept(settings);
        Daemon proxy = Daemon.start(settings);
        proxies.add(proxy);
        return ProxyMailTest.port(proxy);
    }

    private static synchronized PamTestService pam() throws Exception {
        if (pam == null) {
            pam = PamTestService.userdb(Map.of("alice", DovecotServer.USERS.get("alice"), "bob", BOB_LOCAL));
        }
        return pam;
    }

    private static Consumer<Settings> withPam() throws Exception {
        String service = pam().name();
        return s -> {
            s.authenticateIn = true;
            s.pamService = service;
        };
    }

    // ---- -a ----

    @Test
    void pamAcceptedLoginsReadMailOverPop3AndImap() throws Exception {
        int pop3 = proxy(Protocol.POP3, withPam());
        int imap = proxy(Protocol.IMAP4, withPam());
        assertThat(MailClient.pop3(pop3).readInbox("alice", "alicepw")).hasSize(4);
        assertThat(MailClient.imap(imap).readInbox("alice", "alicepw")).hasSize(4);
    }

    @Test
    void pamRefusesAPasswordTheBackendWouldAccept() throws Exception {
        int pop3 = proxy(Protocol.POP3, withPam());
        int imap = proxy(Protocol.IMAP4, withPam());
        assertThatThrownBy(() -> MailClient.pop3(pop3).connect("bob", "bobpw"))
                .isInstanceOf(AuthenticationFailedException.class);
        try (LineClient c = LineClient.connect("127.0.0.1", pop3)) {
            c.readLine();
            c.send("USER bob");
            assertThat(c.send("PASS bobpw")).isEqualTo("-ERR Authentication failure, mate");
        }
        try (LineClient c = LineClient.connect("127.0.0.1", imap)) {
            c.readLine();
            assertThat(c.send("i1 LOGIN bob bobpw")).isEqualTo("i1 NO Authentication failure");
            assertThat(c.send("i2 LOGIN alice wrong")).isEqualTo("i2 NO Authentication failure");
        }
    }

    // ---- -O ----

    @Test
    void okLineIsTheSuccessReplyAndTheSessionWorks() throws Exception {
        int pop3 = proxy(Protocol.POP3, s -> s.okLine = OK_LINE);
        int imap = proxy(Protocol.IMAP4, s -> s.okLine = OK_LINE);
        try (LineClient c = LineClient.connect("127.0.0.1", pop3)) {
            c.readLine();
            c.send("USER bob");
            assertThat(c.send("PASS bobpw")).isEqualTo("+OK " + OK_LINE);
            assertThat(c.send("STAT")).startsWith("+OK 4 ");
        }
        try (LineClient c = LineClient.connect("127.0.0.1", imap)) {
            c.readLine();
            assertThat(c.send("o1 LOGIN alice alicepw")).isEqualTo("o1 OK " + OK_LINE);
            List<String> select = untilTagged(c, c.send("o2 SELECT INBOX"), "o2");
            assertThat(select).contains("* 4 EXISTS");
            assertThat(select.get(select.size() - 1)).startsWith("o2 OK");
        }
    }

    // ---- -o ----

    @Test
    void serverRespLineRelaysDovecotsPop3Replies() throws Exception {
        int pop3 = proxy(Protocol.POP3, s -> s.serverRespLine = true);
        assertThat(pop3Pass(pop3, "bobpw")).isEqualTo(pop3Pass(dovecot.pop3Port(), "bobpw")).startsWith("+OK");
        assertThat(pop3Pass(pop3, "wrong")).isEqualTo(pop3Pass(dovecot.pop3Port(), "wrong")).startsWith("-ERR");
    }

    @Test
    void serverRespLineRelaysDovecotsImapRepliesRetagged() throws Exception {
        int imap = proxy(Protocol.IMAP4, s -> s.serverRespLine = true);
        String direct = imapLogin(dovecot.imapPort(), "alicepw");
        assertThat(direct).startsWith("x9 OK ");
        assertThat(imapLogin(imap, "alicepw")).isEqualTo(direct);
        String refused = imapLogin(dovecot.imapPort(), "wrong");
        assertThat(refused).startsWith("x9 NO ");
        assertThat(imapLogin(imap, "wrong")).isEqualTo(refused);
    }

    /** The reply to PASS for bob, straight from {@code port}. */
    private static String pop3Pass(int port, String password) throws IOException {
        try (LineClient c = LineClient.connect("127.0.0.1", port)) {
            c.readLine();
            c.send("USER bob");
            return c.send("PASS " + password);
        }
    }

    /** The tagged reply to LOGIN for alice with tag x9 (the proxy re-tags the back-end's reply). */
    private static String imapLogin(int port, String password) throws IOException {
        try (LineClient c = LineClient.connect("127.0.0.1", port)) {
            c.readLine();
            List<String> lines = untilTagged(c, c.send("x9 LOGIN alice " + password), "x9");
            return lines.get(lines.size() - 1);
        }
    }

    /** {@code first} and the lines after it, up to the one tagged {@code tag}. */
    private static List<String> untilTagged(LineClient c, String first, String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = first; line != null; line = c.readLine()) {
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                break;
            }
        }
        return lines;
    }
}
