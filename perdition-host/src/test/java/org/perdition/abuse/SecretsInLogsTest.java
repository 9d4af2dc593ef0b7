package org.perdition.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.perdition.config.LogPasswd;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;

/**
 * Secrets (issue 9): a password appears in no log line and no Netty warning, at any log level
 * (-d with -C, the default, -q), for a failed and a good login; --log_passwd adds it only where asked.
 */
class SecretsInLogsTest extends AbuseSuite {

    enum Logging { DEBUG_AND_CONNECTION_LOGGING, DEFAULT, QUIET }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Dialect d : Dialect.values()) {
            for (Logging l : Logging.values()) {
                cases.add(Arguments.of(d, l));
            }
        }
        return cases.stream();
    }

    private static void apply(Logging logging, Settings s) {
        s.debug = logging == Logging.DEBUG_AND_CONNECTION_LOGGING;
        s.connectionLogging = logging == Logging.DEBUG_AND_CONNECTION_LOGGING;
        s.quiet = logging == Logging.QUIET;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void passwordsAppearInNoLogLine(Dialect dialect, Logging logging) throws Exception {
        String wrong = "Wr0ngPw-" + dialect + logging.ordinal();
        String good = "G00dPw-" + dialect + logging.ordinal();
        ScriptedBackend backend = switch (dialect) {
            case POP3 -> new ScriptedBackend(ScriptedBackend.pop3Accepting(good));
            case IMAP -> new ScriptedBackend(ScriptedBackend.imapAccepting(good));
            case MANAGESIEVE -> null;   // no back-end: the login fails in the proxy, after decoding the password
        };
        proxy = ProxyHarness.start(dialect.protocol(), s -> {
            apply(logging, s);
            if (backend != null) {
                s.outgoingServers.add(backend.address());
            }
        });
        if (backend != null) {
            proxy.closeLater(backend);
        }
        RawClient c = proxy.client();
        dialect.readGreeting(c);
        String reply = "";
        for (String command : dialect.login("bob", wrong)) {
            reply = c.ask(command);
        }
        assertThat(dialect.isError(reply)).as(reply).isTrue();
        if (backend != null) {
            for (String command : dialect.login("bob", good)) {
                reply = c.ask(command);
            }
            assertThat(reply).contains("OK");
            assertThat(c.ask(dialect.noop(2))).contains("echo");
            c.ask(dialect == Dialect.POP3 ? "QUIT" : "a3 LOGOUT");
            assertThat(c.read()).isNull();
            if (logging != Logging.QUIET) {
                assertThat(proxy.log().await("Closing session:")).isTrue();
            }
        }
        List<String> secrets = new ArrayList<>(List.of(wrong, good));
        for (String pw : List.of(wrong, good)) {
            secrets.add(Base64.getEncoder().encodeToString(("\0bob\0" + pw).getBytes(StandardCharsets.UTF_8)));
        }
        String everything = proxy.log().text() + "\n" + String.join("\n", NettyWatch.warnings());
        for (String secret : secrets) {
            assertThat(everything).doesNotContain(secret);
        }
        if (logging == Logging.DEBUG_AND_CONNECTION_LOGGING) {
            assertThat(proxy.log().countContaining("authentication_id=\"bob\"")).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(LogPasswd.class)
    void logPasswdAddsThePasswordOnlyWhereAsked(LogPasswd mode) throws Exception {
        String wrong = "Wr0ngPw-" + mode;
        String good = "G00dPw-" + mode;
        ScriptedBackend backend = new ScriptedBackend(ScriptedBackend.pop3Accepting(good));
        proxy = ProxyHarness.start(Protocol.POP3, s -> {
            s.outgoingServers.add(backend.address());
            s.debug = true;
            s.logPasswd = mode;
        });
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        c.read();
        c.ask("USER bob");
        assertThat(c.ask("PASS " + wrong)).startsWith("-ERR");
        c.ask("USER bob");
        assertThat(c.ask("PASS " + good)).isEqualTo("+OK You are so in");
        assertThat(proxy.log().await("status=\"ok\"")).isTrue();
        String text = proxy.log().text();
        assertThat(text.contains("passwd=\"" + wrong + "\"")).as("failed password logged").isEqualTo(mode.logs(false));
        assertThat(text.contains("passwd=\"" + good + "\"")).as("good password logged").isEqualTo(mode.logs(true));
        // Only ever in the passwd="..." field of an Auth line.
        assertThat(proxy.log().count(l -> (l.contains(wrong) || l.contains(good)) && !l.startsWith("Auth: ")))
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(LogPasswd.class)
    void logPasswdWithoutDebugLogsNoPassword(LogPasswd mode) throws Exception {
        ScriptedBackend backend = new ScriptedBackend(ScriptedBackend.pop3Accepting("G00dPw"));
        proxy = ProxyHarness.start(Protocol.POP3, s -> {
            s.outgoingServers.add(backend.address());
            s.debug = false;
            s.logPasswd = mode;
        });
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        c.read();
        c.ask("USER bob");
        c.ask("PASS Wr0ngPw");
        c.ask("USER bob");
        assertThat(c.ask("PASS G00dPw")).isEqualTo("+OK You are so in");
        assertThat(proxy.log().await("status=\"ok\"")).isTrue();
        assertThat(proxy.log().text()).doesNotContain("G00dPw").doesNotContain("Wr0ngPw");
    }
}
