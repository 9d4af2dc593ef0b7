package org.perdition.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Abuse before login (issue 9; perdition's bug B6): a user name carrying CR, LF or a terminal escape
 * sequence must not forge a log line nor reach the log raw, at any level (-d and -C on here).
 */
class LogForgeryTest extends AbuseSuite {

    private static final String FORGED = "Auth: 10.0.0.1:1->10.0.0.2:110 forged status=\"ok\"";

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void controlCharactersInAUserNameCannotForgeALogLine(Dialect dialect) throws Exception {
        proxy = ProxyHarness.start(dialect.protocol(), s -> {
            s.debug = true;
            s.connectionLogging = true;
        });
        RawClient c = proxy.client();
        dialect.readGreeting(c);
        String escape = "\u001b[2J\u001b]0;owned\u0007";
        switch (dialect) {
            case POP3 -> {
                // A lone CR does not end a POP3 line here, so it is part of the name (which has no space).
                assertThat(c.ask("USER bob\rAuth:forged" + escape)).startsWith("+OK");
                assertThat(c.ask("PASS x")).startsWith("-ERR");
            }
            case IMAP -> {
                // A literal may carry CRLF itself: the classic way to smuggle a line into a log.
                String user = "bob\r\n" + FORGED + escape;
                c.send("a1 LOGIN {" + user.length() + "}\r\n");
                assertThat(c.read()).startsWith("+");
                c.send(user + " x\r\n");
                assertThat(c.read()).startsWith("a1 NO");
            }
            case MANAGESIEVE -> {
                String plain = "\0bob\r\n" + FORGED + escape + "\0x";
                c.ask("AUTHENTICATE \"PLAIN\" \"" + java.util.Base64.getEncoder().encodeToString(
                        plain.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)) + "\"");
            }
        }
        assertThat(proxy.log().await("status=\"failed")).as(proxy.log().text()).isTrue();
        assertThat(proxy.log().lines()).as("log lines").allSatisfy(line -> {
            assertThat(line).doesNotStartWith("Auth: 10.0.0.1").doesNotStartWith("Auth:forged");
            assertThat(line.chars().filter(ch -> ch < 0x20 || ch == 0x7f).count()).as(line).isZero();
        });
        // The attempt itself is logged, on one line, under the (escaped or stripped) name.
        assertThat(proxy.log().countContaining("authentication_id=\"bob")).isEqualTo(1);
    }
}
