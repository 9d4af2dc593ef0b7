package org.perdition.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.perdition.abuse.AbuseSuite;
import org.perdition.abuse.FdCount;
import org.perdition.abuse.ProxyHarness;
import org.perdition.abuse.RawClient;
import org.perdition.abuse.ScriptedBackend;
import org.perdition.config.Protocol;

/**
 * Resources (issue 9): the process's open file descriptors are the same before and after N whole
 * sessions (greeting, failed login, good login, relayed command, QUIT), with the leak detector at
 * PARANOID. N is the 10,000 (about 18 s); {@code -Dperdition.fdSessions=N} (see
 * scripts/reliability/fd-balance.sh) runs another count.
 */
class FdBalanceTest extends AbuseSuite {

    private static final int SESSIONS = Integer.getInteger("perdition.fdSessions", 10_000);

    @Test
    void fdCountIsUnchangedAfterManySessions() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(ScriptedBackend.pop3Accepting("pw"));
        proxy = ProxyHarness.start(Protocol.POP3, s -> {
            s.outgoingServers.add(backend.address());
            s.debug = false;
        });
        proxy.closeLater(backend);
        runSessions(50);   // warm up: classes loaded, jars opened, pools created
        assertThat(proxy.awaitNoSessions()).isTrue();
        assertThat(backend.awaitAllClosed()).isTrue();
        int before = FdCount.settleTo(FdCount.now(), 0);
        runSessions(SESSIONS);
        assertThat(proxy.awaitNoSessions()).isTrue();
        assertThat(backend.awaitAllClosed()).isTrue();
        int after = FdCount.settleTo(before, 10_000);
        System.out.println("fd count before " + before + ", after " + SESSIONS + " sessions " + after);
        assertThat(after).as("open fds after %s sessions", SESSIONS).isEqualTo(before);
        assertThat(proxy.log().countContaining("Closing session:")).isEqualTo(SESSIONS + 50);
    }

    private void runSessions(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            try (RawClient c = new RawClient(proxy.address())) {
                c.read();
                c.ask("USER bob");
                if (i % 2 == 0) {
                    c.ask("PASS wrong");   // a failed login first on every other session
                    c.ask("USER bob");
                }
                if (!c.ask("PASS pw").startsWith("+OK")) {
                    throw new AssertionError("login " + i + " failed");
                }
                c.ask("STAT");
                c.ask("QUIT");
                c.read();
            }
        }
    }
}
