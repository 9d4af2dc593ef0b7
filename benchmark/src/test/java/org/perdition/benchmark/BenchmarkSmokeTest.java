package org.perdition.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plain-main benchmarks still run end to end: a fraction of a second with the gdbm plugin
 * (loaded from the checkout's plugins/ through pf4j, built before this module), counting real
 * lookups and real logins with every answer checked. Figures are not asserted, only that work
 * was done without errors.
 */
class BenchmarkSmokeTest {

    @Test
    void lookupBenchmarkCountsCheckedLookups() throws Exception {
        BenchOptions options = new BenchOptions(new String[] {"--plugins", "gdbm", "--threads", "1,2",
                "--seconds", "0.2", "--warmup", "0.05", "--users", "100"}, LookupThroughput.DEFAULTS);

        List<LookupThroughput.Row> rows = LookupThroughput.run(options);

        assertThat(rows).extracting(LookupThroughput.Row::threads).containsExactly(1, 2);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.summary().operations()).isPositive();
            assertThat(row.summary().errors()).isZero();
            assertThat(row.summary().percentileMicros(0.99)).isPositive();
        });
    }

    @Test
    void loginBenchmarkLogsInThroughTheProxyToTheFastBackend() throws Exception {
        BenchOptions options = new BenchOptions(new String[] {"--plugins", "gdbm", "--backend", "fast",
                "--clients", "2", "--seconds", "0.3", "--warmup", "0.1", "--users", "100"}, LoginThroughput.DEFAULTS);

        List<LoginThroughput.Row> rows = LoginThroughput.run(options);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.backend()).isEqualTo("fast");
            assertThat(row.summary().operations()).isPositive();
            assertThat(row.summary().errors()).isZero();
        });
    }

    @Test
    void fastBackendAcceptsAQuotedLoginDirectly() throws Exception {
        try (FastImapBackend backend = new FastImapBackend()) {
            assertThat(ImapLogin.run(backend.port(), "anyone", "pa ss\"w\\rd")).isTrue();
        }
    }

    @Test
    void unknownOptionIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new BenchOptions(new String[] {"--thread", "4"}, LookupThroughput.DEFAULTS))
                .hasMessageContaining("--thread");
    }
}
