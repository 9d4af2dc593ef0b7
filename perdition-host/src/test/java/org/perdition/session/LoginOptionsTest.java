package org.perdition.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.Daemon;
import org.perdition.auth.PamTestService;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.UserState;

/**
 * --login_disabled, -a (real PAM, pam_userdb) and -o with a POP3 back-end that refuses USER (bug B2),
 * through the running proxy, with scripted back-ends that show whether the proxy contacted them.
 */
class LoginOptionsTest {

    private static PamTestService pam;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    /** Connections the back-end accepted: 0 means the proxy never contacted it. */
    private final AtomicInteger contacts = new AtomicInteger();

    @BeforeAll
    static void pamService() throws Exception {
        try {
            pam = PamTestService.userdb(Map.of("alice", "alice-local", "bob", "bob-local"));
        } catch (org.opentest4j.TestAbortedException e) {
            pam = null;   // only the -a tests need it; they skip themselves
        }
    }

    @AfterAll
    static void removePamService() {
        if (pam != null) {
            pam.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private InetSocketAddress proxy(Protocol protocol, Consumer<Settings> options) throws Exception {
        Settings settings = new Settings();
        settings.programName = "perdition";
        settings.protocol = protocol;
        settings.mapLibrary = "";
        settings.bindAddresses.add("127.0.0.1:0");
        settings.failureDelayMillis = 0;
        settings.logFacility = log().toString();
        options.accept(settings);
        org.perdition.log.LogSetup.configure(settings);
        Daemon daemon = Daemon.start(settings);
        open.add(daemon);
        return daemon.listenAddresses().get(0);
    }

    private Path log() {
        return dir.resolve("perdition.log");
    }

    /** A back-end that counts its connections and then follows {@code script}. */
    private FakeBackend backend(FakeBackend.Script script) throws IOException {
        FakeBackend backend = new FakeBackend(c -> {
            contacts.incrementAndGet();
            script.serve(c);
        });
        open.add(backend);
        return backend;
    }

    private PopClient client(InetSocketAddress address) throws IOException {
        PopClient client = new PopClient(address);
        open.add(client);
        return client;
    }

    /** Reads the greeting, then logs in. */
    private static String pop3Login(PopClient c, String user, String password) throws IOException {
        assertThat(c.read()).startsWith("+OK POP3 perditon ready on ");
        return pop3Relogin(c, user, password);
    }

    private static String pop3Relogin(PopClient c, String user, String password) throws IOException {
        assertThat(c.ask("USER " + user)).isEqualTo("+OK USER " + user + " set, mate");
        return c.ask("PASS " + password);
    }

    // ---- --login_disabled (spec §3.3 step 2) ----

    @Test
    void loginDisabledRefusesPop3BeforeAnyLookup() throws Exception {
        FakeBackend b = backend(FakeBackend.pop3Accepting("secret"));
        PopClient c = client(proxy(Protocol.POP3, s -> {
            s.loginDisabled = true;
            s.outgoingServers.add("127.0.0.1:" + b.port());
        }));
        assertThat(pop3Login(c, "bob", "secret")).isEqualTo("-ERR failed: Login Disabled");
        // refused again on the same connection: every login fails
        assertThat(pop3Relogin(c, "bob", "secret")).isEqualTo("-ERR failed: Login Disabled");
        assertThat(waitForLine(log(), "Login Disabled")).contains("authentication_id=\"bob\"")
                .contains("status=\"failed: Login Disabled\"").doesNotContain("secret");
        assertThat(contacts.get()).isZero();
    }

    @Test
    void loginDisabledRefusesImapAndAnnouncesLoginDisabled() throws Exception {
        FakeBackend b = backend(FakeBackend.pop3Accepting("secret"));
        PopClient c = client(proxy(Protocol.IMAP4, s -> {
            s.loginDisabled = true;
            s.outgoingServers.add("127.0.0.1:" + b.port());
        }));
        assertThat(c.read()).startsWith("* OK [CAPABILITY ").contains(" LOGINDISABLED");
        assertThat(c.ask("a1 LOGIN bob secret")).isEqualTo("a1 NO failed: Login Disabled");
        assertThat(c.ask("a2 LOGIN bob secret")).isEqualTo("a2 NO failed: Login Disabled");
        assertThat(waitForLine(log(), "Login Disabled")).contains("protocol=IMAP4")
                .contains("status=\"failed: Login Disabled\"");
        assertThat(contacts.get()).isZero();
    }

    // ---- -a with a real PAM stack (spec §3.3 step 9) ----

    @Test
    void pamRejectionFailsPop3WithoutContactingTheBackend() throws Exception {
        PamTestService.assumeUsable();
        FakeBackend b = backend(FakeBackend.pop3Accepting("alice-local"));
        PopClient c = client(proxy(Protocol.POP3, s -> {
            s.authenticateIn = true;
            s.pamService = pam.name();
            s.outgoingServers.add("127.0.0.1:" + b.port());
        }));
        assertThat(pop3Login(c, "alice", "wrong-local")).isEqualTo("-ERR Authentication failure, mate");
        String text = waitForLine(log(), "local authentication failure");
        assertThat(text).contains("authentication_id=\"alice\"")
                .contains("status=\"failed: local authentication failure\"")
                .contains("Local authentication of \"alice\" rejected")
                .doesNotContain("wrong-local");
        assertThat(contacts.get()).isZero();
        // the same connection, the right local password: PAM passes, the back-end sees the login
        assertThat(pop3Relogin(c, "alice", "alice-local")).isEqualTo("+OK You are so in");
        assertThat(b.received()).containsSubsequence("USER alice", "PASS alice-local");
        assertThat(contacts.get()).isEqualTo(1);
    }

    @Test
    void pamRejectionFailsImapWithoutContactingTheBackend() throws Exception {
        PamTestService.assumeUsable();
        FakeBackend b = backend(FakeBackend.pop3Accepting("bob-local"));
        PopClient c = client(proxy(Protocol.IMAP4, s -> {
            s.authenticateIn = true;
            s.pamService = pam.name();
            s.outgoingServers.add("127.0.0.1:" + b.port());
        }));
        c.read();
        assertThat(c.ask("t1 LOGIN bob alice-local")).isEqualTo("t1 NO Authentication failure");
        assertThat(c.ask("t2 LOGIN nobody-here bob-local")).isEqualTo("t2 NO Authentication failure");
        assertThat(waitForLine(log(), "protocol=IMAP4")).contains("status=\"failed: local authentication failure\"");
        assertThat(contacts.get()).isZero();
    }

    @Test
    void pamGetsTheLocalAuthenticationNameAndTheBackendTheUntouchedOne() throws Exception {
        // spec §4.4: each state starts from the client's name; only local_authentication is mangled here
        PamTestService.assumeUsable();
        FakeBackend b = backend(FakeBackend.pop3Accepting("alice-local"));
        PopClient c = client(proxy(Protocol.POP3, s -> {
            s.authenticateIn = true;
            s.pamService = pam.name();
            s.stripDomain.add(UserState.LOCAL_AUTHENTICATION);
            s.lowerCase.add(UserState.LOCAL_AUTHENTICATION);
            s.outgoingServers.add("127.0.0.1:" + b.port());
        }));
        assertThat(pop3Login(c, "ALICE@Example.org", "alice-local")).isEqualTo("+OK You are so in");
        assertThat(b.received()).startsWith("USER ALICE@Example.org", "PASS alice-local");
    }

    @Test
    void addDomainForLocalAuthenticationChangesTheNamePamChecks() throws Exception {
        PamTestService.assumeUsable();
        FakeBackend b = backend(FakeBackend.pop3Accepting("alice-local"));
        PopClient c = client(proxy(Protocol.POP3, s -> {
            s.authenticateIn = true;
            s.pamService = pam.name();
            s.addDomain.add(UserState.LOCAL_AUTHENTICATION);
            s.explicitDomain = "example.org";
            s.outgoingServers.add("127.0.0.1:" + b.port());
        }));
        // PAM is asked about "alice@example.org", which its database does not have
        assertThat(pop3Login(c, "alice", "alice-local")).isEqualTo("-ERR Authentication failure, mate");
        assertThat(waitForLine(log(), "Local authentication of \"alice@example.org\""))
                .contains("Local authentication of \"alice@example.org\"");
        assertThat(contacts.get()).isZero();
    }

    @Test
    void aMissingPamServiceModuleFailsTheLoginAndTheProxyKeepsServing() throws Exception {
        PamTestService.assumeUsable();
        try (PamTestService broken = PamTestService.missingModule()) {
            FakeBackend b = backend(FakeBackend.pop3Accepting("alice-local"));
            PopClient c = client(proxy(Protocol.POP3, s -> {
                s.authenticateIn = true;
                s.pamService = broken.name();
                s.outgoingServers.add("127.0.0.1:" + b.port());
            }));
            assertThat(pop3Login(c, "alice", "alice-local")).isEqualTo("-ERR Authentication failure, mate");
            assertThat(waitForLine(log(), "Local authentication of \"alice\" failed"))
                    .contains("status=\"failed: local authentication failure\"");
            assertThat(contacts.get()).isZero();
            assertThat(c.ask("QUIT")).isEqualTo("+OK QUIT");
        }
    }

    // ---- -o with a POP3 back-end that refuses USER (bug B2) ----

    private static FakeBackend.Script refusingUser(String refusal) {
        return c -> {
            c.send("+OK fake POP3 ready\r\n");
            if (c.read() != null) {
                c.send(refusal);
                c.read();   // QUIT
            }
        };
    }

    @Test
    void serverRespLineRelaysExactlyTheBackendsUserRefusal() throws Exception {
        FakeBackend b = backend(refusingUser("-ERR [AUTH] no such mailbox\r\n"));
        PopClient c = client(proxy(Protocol.POP3, s -> {
            s.serverRespLine = true;
            s.outgoingServers.add("127.0.0.1:" + b.port());
        }));
        // perdition sent 6 bytes of uninitialised heap and no CRLF here (bug B2)
        assertThat(pop3Login(c, "bob", "pw")).isEqualTo("-ERR [AUTH] no such mailbox");
        // QUIT reaches the back-end independently of the client's reply: wait for it.
        assertThat(awaitReceived(b, "QUIT")).containsExactly("USER bob", "QUIT");
        assertThat(c.ask("QUIT")).isEqualTo("+OK QUIT");
    }

    @Test
    void serverRespLineCannotInjectASecondLine() throws Exception {
        FakeBackend b = backend(refusingUser("-ERR no\r+OK forged\r\n"));
        PopClient c = client(proxy(Protocol.POP3, s -> {
            s.serverRespLine = true;
            s.outgoingServers.add("127.0.0.1:" + b.port());
        }));
        assertThat(pop3Login(c, "bob", "pw")).isEqualTo("-ERR no +OK forged");
        assertThat(c.ask("QUIT")).isEqualTo("+OK QUIT");
    }

    @Test
    void withoutServerRespLineAUserRefusalIsReAuthenticationFailure() throws Exception {
        FakeBackend b = backend(refusingUser("-ERR [AUTH] no such mailbox\r\n"));
        PopClient c = client(proxy(Protocol.POP3, s -> s.outgoingServers.add("127.0.0.1:" + b.port())));
        assertThat(pop3Login(c, "bob", "pw")).isEqualTo("-ERR failed: Re-Authentication Failure");
    }

    private static List<String> awaitReceived(FakeBackend backend, String line) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!backend.received().contains(line) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        return backend.received();
    }

    private static String waitForLine(Path log, String needle) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains(needle)) {
                return text;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        return text;
    }
}
