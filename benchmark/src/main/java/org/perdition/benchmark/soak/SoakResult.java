package org.perdition.benchmark.soak;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What a soak found: operations and errors by kind, each proxy's figures, Netty leak reports and
 * other suspicious lines in the proxies' output, and whether every proxy survived.
 */
record SoakResult(Tally tally, List<ProxyFigures> proxies, List<String> leaks, List<String> logProblems,
                  boolean allAlive, double measuredSeconds) {

    /** No error of any kind, no leak, no suspicious log line, every proxy alive, descriptors back. */
    boolean passed() {
        return tally.errorCount() == 0 && leaks.isEmpty() && logProblems.isEmpty() && allAlive
                && proxies.stream().allMatch(ProxyFigures::fdsBack);
    }

    void print(PrintStream out) {
        out.printf("soak: %.0f s measured; %d operations, %d errors%n", measuredSeconds,
                tally.operationCount(), tally.errorCount());
        out.println("operations by kind:");
        tally.operations().forEach((k, v) -> out.printf("  %-40s %,d%n", k, v));
        out.println("errors by kind:" + (tally.errorCount() == 0 ? " none" : ""));
        Map<String, String> first = tally.firstErrors();
        tally.errors().forEach((k, v) -> out.printf("  %-24s %,d  first: %s%n", k, v, first.get(k)));
        out.println("| proxy | RSS start | RSS after warm-up | RSS end | RSS slope, whole / 2nd half "
                + "| heap after GC, warm-up / end | fds start / warm-up / end | threads warm-up / end |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (ProxyFigures p : proxies) {
            out.printf("| %s | %s | %s | %s | %+.1f / %+.1f MB/h | %s / %s | %d / %d / %d%s | %d / %d |%n",
                    p.endpoint.program(), mb(p.start.rssKb()), mb(p.baseline.rssKb()), mb(p.end.rssKb()),
                    p.rssSlopeMbPerHour(), p.rssSlopeSecondHalfMbPerHour(), mb(p.heapBaselineKb), mb(p.heapEndKb),
                    p.start.fds(), p.baseline.fds(), p.end.fds(), p.fdsBack() ? "" : " (NOT BACK)",
                    p.baseline.threads(), p.end.threads());
        }
        for (ProxyFigures p : proxies) {
            if (!p.heapSamples.isEmpty()) {
                out.println("heap after GC every 5 min, " + p.endpoint.program() + ": "
                        + p.heapSamples.stream().map(SoakResult::mb).toList());
            }
        }
        out.println("leak reports (LEAK in the proxies' output): " + (leaks.isEmpty() ? "none" : leaks.size()));
        leaks.stream().limit(5).forEach(l -> out.println("  " + l));
        out.println("other suspicious log lines: " + (logProblems.isEmpty() ? "none" : logProblems.size()));
        logProblems.stream().limit(10).forEach(l -> out.println("  " + l));
        out.println("proxies alive at the end: " + (allAlive ? "all" : "NOT ALL"));
        out.println(passed() ? "soak: PASS" : "soak: FAIL");
    }

    private static String mb(long kb) {
        return kb < 0 ? "n/a" : String.format("%.1f MB", kb / 1024.0);
    }
}
