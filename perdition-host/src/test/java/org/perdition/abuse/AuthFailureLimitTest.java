package org.perdition.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * --auth_failure_limit through the proxy (issue 9, per-address throttling): after N refused
 * passwords from one address its next login is refused at once, even with the right password,
 * without a lookup or a back-end connection; another address logs in meanwhile.
 */
class AuthFailureLimitTest extends AbuseSuite {

    private String login(Dialect d, RawClient c, String password) throws Exception {
        String reply = null;
        for (String line : d.login("bob", password)) {
            reply = c.ask(line);
        }
        return reply;
    }

    private ScriptedBackend backend(Dialect d) throws Exception {
        return new ScriptedBackend(switch (d) {
            case POP3 -> ScriptedBackend.pop3Accepting("right");
            case IMAP -> ScriptedBackend.imapAccepting("right");
            case MANAGESIEVE -> ScriptedBackend.sieveAccepting("right");
        });
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theLimitRefusesThatAddressOnly(Dialect d) throws Exception {
        ScriptedBackend backend = backend(d);
        proxy = ProxyHarness.start(d.protocol(), s -> {
            s.outgoingServers.add(backend.address());
            s.authFailureLimit = 3;
            s.authFailureWindowSeconds = 3600;
        });
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        d.readGreeting(c);
        for (int i = 0; i < 3; i++) {
            assertThat(d.isError(login(d, c, "wrong"))).isTrue();
        }
        assertThat(proxy.log().await("Failed login limit of 3 reached for 127.0.0.1")).isTrue();
        int contacted = backend.acceptedConnections();
        String refused = login(d, c, "right");
        assertThat(refused).isEqualTo(switch (d) {
            case POP3 -> "-ERR failed: Too many failed logins, try again later";
            case IMAP -> "a1 NO failed: Too many failed logins, try again later";
            case MANAGESIEVE -> "NO \"failed: Too many failed logins, try again later\"";
        });
        assertThat(backend.acceptedConnections()).as("no back-end connection").isEqualTo(contacted);
        assertThat(proxy.log().countContaining("status=\"failed: Too many failed logins, try again later\""))
                .isEqualTo(1);
        // The refusal does not end the session, and other addresses are not affected.
        RawClient other = proxy.closeLater(new RawClient(proxy.address(), InetAddress.getByName("127.0.0.2")));
        d.readGreeting(other);
        assertThat(d.isError(login(d, other, "right"))).isFalse();
        assertThat(proxy.log().await("status=\"ok\"")).isTrue();
    }

    @Test
    void offByDefault() throws Exception {
        ScriptedBackend backend = backend(Dialect.POP3);
        proxy = ProxyHarness.start(Dialect.POP3.protocol(), s -> s.outgoingServers.add(backend.address()));
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        c.read();
        for (int i = 0; i < 10; i++) {
            assertThat(login(Dialect.POP3, c, "wrong")).startsWith("-ERR failed: Re-Authentication Failure");
        }
        assertThat(login(Dialect.POP3, c, "right")).startsWith("+OK");
    }
}
