package org.perdition.benchmark.side;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.perdition.it.DovecotServer;

/**
 * The side-by-side benchmark still runs end to end, briefly, against direct Dovecot and our proxy
 * (through the real launcher): every workload produces a figure and nothing fails. Debian's
 * perdition and nginx are left to benchmark/side-by-side.sh. Figures are not asserted, only that
 * work was done.
 */
class SideBySideSmokeTest {

    @Test
    void everyWorkloadRunsAgainstDirectDovecotAndOurProxy() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(DovecotServer.DOVECOT), "Dovecot is not installed: skipping");
        SideBySide.Options options = SideBySide.Options.parse(new String[] {
            "--targets", "direct,ours", "--protocols", "imap,pop3", "--clients", "4", "--relay", "1,2",
            "--idle", "3,6", "--seconds", "0.5", "--warmup", "0.2", "--settle", "0.1", "--prime", "0.2",
            "--root", ".."});
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Report report = SideBySide.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        String log = progress.toString(StandardCharsets.UTF_8);
        for (Proto proto : Proto.values()) {
            for (String target : new String[] {"direct", "ours"}) {
                for (Figure f : new Figure[] {Figure.LOGINS, Figure.TLS_LOGINS, Figure.RELAY_1, Figure.RELAY_8,
                    Figure.NOOP_P50, Figure.PSS_0, Figure.PSS_2, Figure.CPU_LOGINS}) {
                    assertThat(report.get(proto, target, f)).as("%s %s %s\n%s", proto, target, f, log).isPositive();
                }
                assertThat(report.get(proto, target, Figure.ERRORS)).as("%s %s errors\n%s", proto, target, log)
                        .isZero();
            }
        }
        assertThat(report.markdown()).contains("| logins/s, 4 clients |").contains("(×");
    }
}
