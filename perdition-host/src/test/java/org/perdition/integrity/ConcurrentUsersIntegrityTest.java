package org.perdition.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.perdition.Daemon;
import org.perdition.abuse.CapturedLog;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.log.Level;
import org.perdition.log.Log;

/**
 * Issue 9, "Integrity": a thousand distinct users (by default; {@code -Dperdition.integrity.users=N})
 * log in through the proxy at the same time, all sessions open at once, then each reads its own
 * mailbox; every byte is compared with a direct read from the same Dovecot and with the Maildir.
 *
 * <p>No session may reach another account. Three independent witnesses: each user's messages carry a
 * random token in headers and bodies, and a session's bytes must carry its own token and no other
 * (so a swapped back-end login cannot pass as a byte difference only); Dovecot's own log must show
 * exactly two logins per user and protocol (through the proxy and direct), so a session logged in
 * as someone else would show as one user with three and one with one; and the proxy's log must
 * show exactly one successful Auth line per user.
 */
class ConcurrentUsersIntegrityTest {

    private static final int USERS = Integer.getInteger("perdition.integrity.users", 1000);
    private static final Pattern AUTH_OK = Pattern.compile("authentication_id=\"(u\\d{4})\" server=\"([^\"]*)\".*status=\"ok\"");

    private static List<UserMailbox> users;
    private static ManyUsersDovecot dovecot;
    private static long seed;

    @BeforeAll
    static void start() throws Exception {
        long started = System.nanoTime();
        seed = started;
        users = new Mailboxes(seed).generate(USERS);
        dovecot = ManyUsersDovecot.start(users);
        System.out.printf("integrity: %d users, %.1f MB of mail, seed %d; set-up took %d ms%n", USERS,
                users.stream().mapToInt(UserMailbox::totalBytes).sum() / 1e6, seed,
                (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void imapSessionsOfDistinctUsersReadExactlyTheirOwnMailboxes() throws Exception {
        InetSocketAddress direct = new InetSocketAddress("127.0.0.1", dovecot.imapPort());
        CapturedLog log = new CapturedLog();
        try (Daemon proxy = startProxy(Protocol.IMAP4, dovecot.imapPort(), log);
             Concurrently run = new Concurrently()) {
            InetSocketAddress address = proxy.listenAddresses().get(0);
            List<ImapConnection> sessions = run.forEach(USERS, "IMAP login through the proxy", i -> {
                ImapConnection session = ImapConnection.open(address);
                String status = session.login(users.get(i).user(), users.get(i).password());
                assertThat(status).as("LOGIN of %s", users.get(i).user()).isEqualTo("OK");
                return session;
            });
            assertAllLoggedInAtOnce(proxy, run, "IMAP");
            run.forEach(USERS, "IMAP read", i -> {
                UserMailbox user = users.get(i);
                ImapReading.Transcript proxied = ImapReading.read(sessions.get(i));
                String wrong = ImapReading.check(user, proxied, ImapReading.readDirectly(direct, user));
                if (wrong != null) {
                    run.problem(wrong);
                }
                return null;
            });
            run.forEach(USERS, "IMAP LOGOUT", i -> {
                try (ImapConnection session = sessions.get(i)) {
                    assertThat(session.command("LOGOUT").status()).isEqualTo("OK");
                }
                return null;
            });
            assertThat(run.problems()).as("seed %d", seed).isEmpty();
            assertOneProxyLoginPerUser(log, dovecot.imapPort());
        }
        assertTwoDovecotLoginsPerUser("imap");
    }

    @Test
    void pop3SessionsOfDistinctUsersReadExactlyTheirOwnMailboxes() throws Exception {
        InetSocketAddress direct = new InetSocketAddress("127.0.0.1", dovecot.pop3Port());
        CapturedLog log = new CapturedLog();
        try (Daemon proxy = startProxy(Protocol.POP3, dovecot.pop3Port(), log);
             Concurrently run = new Concurrently()) {
            InetSocketAddress address = proxy.listenAddresses().get(0);
            List<Pop3Connection> sessions = run.forEach(USERS, "POP3 login through the proxy", i -> {
                Pop3Connection session = Pop3Connection.open(address);
                String status = session.login(users.get(i).user(), users.get(i).password());
                assertThat(status).as("PASS of %s", users.get(i).user()).startsWith("+OK");
                return session;
            });
            assertAllLoggedInAtOnce(proxy, run, "POP3");
            run.forEach(USERS, "POP3 read", i -> {
                UserMailbox user = users.get(i);
                Pop3Reading.Transcript proxied = Pop3Reading.read(sessions.get(i), user.messages().size());
                String wrong = Pop3Reading.check(user, proxied, Pop3Reading.readDirectly(direct, user));
                if (wrong != null) {
                    run.problem(wrong);
                }
                return null;
            });
            run.forEach(USERS, "POP3 QUIT", i -> {
                try (Pop3Connection session = sessions.get(i)) {
                    assertThat(session.single("QUIT")).startsWith("+OK");
                }
                return null;
            });
            assertThat(run.problems()).as("seed %d", seed).isEmpty();
            assertOneProxyLoginPerUser(log, dovecot.pop3Port());
        }
        assertTwoDovecotLoginsPerUser("pop3");
    }

    /** The -L count of the proxy: every session is logged in and still open before any reads. */
    private static void assertAllLoggedInAtOnce(Daemon proxy, Concurrently run, String protocol) {
        assertThat(run.problems()).as("seed %d", seed).isEmpty();
        assertThat(proxy.activeSessions()).isEqualTo(USERS);
        System.out.printf("integrity: %d %s sessions logged in at once; Dovecot %s%n",
                USERS, protocol, TreeMemory.of(dovecot.pid()));
    }

    private static void assertOneProxyLoginPerUser(CapturedLog log, int dovecotPort) {
        Map<String, Long> okByUser = log.lines().stream()
                .map(AUTH_OK::matcher)
                .filter(Matcher::find)
                .peek(m -> assertThat(m.group(2)).isEqualTo("127.0.0.1:" + dovecotPort))
                .collect(Collectors.groupingBy(m -> m.group(1), Collectors.counting()));
        assertThat(okByUser).hasSize(USERS).allSatisfy((user, count) -> assertThat(count).as(user).isEqualTo(1L));
        assertThat(log.exceptionLines()).isEmpty();
    }

    /** Dovecot logs asynchronously (its log process): wait, bounded, for all lines, then compare exactly. */
    private static void assertTwoDovecotLoginsPerUser(String protocol) throws IOException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Map<String, Integer> logins = loginsOfGeneratedUsers(protocol);
        while (logins.values().stream().mapToInt(Integer::intValue).sum() < 2 * USERS && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000_000L);
            logins = loginsOfGeneratedUsers(protocol);
        }
        Map<String, Integer> expected = users.stream()
                .collect(Collectors.toMap(UserMailbox::user, u -> 2));
        assertThat(logins).as("Dovecot %s logins per user", protocol).isEqualTo(expected);
    }

    private static Map<String, Integer> loginsOfGeneratedUsers(String protocol) throws IOException {
        return dovecot.loginsByProtocolAndUser().getOrDefault(protocol, Map.of()).entrySet().stream()
                .filter(e -> e.getKey().matches("u\\d{4}"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** In-process proxy, every user sent to the one Dovecot (-s), its log captured at INFO. */
    private static Daemon startProxy(Protocol protocol, int backendPort, CapturedLog log) throws Exception {
        Settings settings = new Settings();
        settings.protocol = protocol;
        settings.bindAddresses.add("127.0.0.1:0");
        settings.mapLibrary = "";
        settings.outgoingServers.add("127.0.0.1:" + backendPort);
        settings.failureDelayMillis = 0;
        settings.pidFile = "";
        settings.noDaemon = true;
        Log.configure(log, Level.INFO);
        return Daemon.start(settings);
    }
}
