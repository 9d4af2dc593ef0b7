package org.perdition.benchmark.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.perdition.it.DovecotServer;

/**
 * The CI version of {@code scripts/soak.sh}: about 30 s of the same mixed load through the real
 * launcher, leak detector at paranoid. No error of any kind, no leak report or exception in the
 * proxies' output, every proxy alive, descriptors back to the post-warm-up baseline once the
 * sessions are closed, and the heap after a full GC at the end within a generous bound of the
 * baseline (a leak of sessions would hold their buffers and handlers; nothing here is a timing).
 */
class SoakSmokeTest {

    @Test
    void shortSoakHasNoErrorNoLeakAndGivesItsDescriptorsBack() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(DovecotServer.DOVECOT), "Dovecot is not installed: skipping");
        Path work = Files.createTempDirectory("soak-smoke");
        SoakOptions options = SoakOptions.parse(new String[] {
            "--seconds", "25", "--warmup", "6", "--workers", "3", "--idle", "30", "--sample", "5",
            "--root", "..", "--work", work.toString(), "--leak-level", "paranoid"});
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        SoakResult result = Soak.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        String report = progress.toString(StandardCharsets.UTF_8);
        assertThat(result.tally().errors()).as(report).isEmpty();
        assertThat(result.leaks()).as(report).isEmpty();
        assertThat(result.logProblems()).as(report).isEmpty();
        assertThat(result.allAlive()).as(report).isTrue();
        // the mix really ran: reads, failed logins, vanishing clients, idle turnover, both TLS kinds
        assertThat(String.join(" ", result.tally().operations().keySet())).as(report)
                .contains("login+read", "failed-login", "vanish", "idle-release", "implicit_tls", "starttls",
                        "imap", "pop3");
        for (ProxyFigures proxy : result.proxies()) {
            assertThat(proxy.end.fds()).as("%s descriptors\n%s", proxy.endpoint.program(), report)
                    .isPositive().isLessThanOrEqualTo(proxy.baseline.fds());
            if (proxy.heapBaselineKb > 0 && proxy.heapEndKb > 0) {
                assertThat(proxy.heapEndKb).as("%s heap after GC\n%s", proxy.endpoint.program(), report)
                        .isLessThanOrEqualTo(2 * proxy.heapBaselineKb + 32 * 1024);
            }
        }
        assertThat(result.passed()).as(report).isTrue();
    }
}
