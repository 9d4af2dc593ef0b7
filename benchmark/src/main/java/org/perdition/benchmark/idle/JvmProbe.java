package org.perdition.benchmark.idle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the proxy's JVM holds, read from outside: /proc for PSS and RSS, jcmd for the heap and a full GC. */
final class JvmProbe {

    /** "  garbage-first heap   total 262144K, used 12345K" (G1), or one line per generation (Serial, Parallel). */
    private static final Pattern SPACE = Pattern.compile("^\\s*([A-Za-z][A-Za-z -]*?)\\s+total (\\d+)K, used (\\d+)K");

    private final long pid;
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    JvmProbe(long pid) {
        this.pid = pid;
    }

    /** PSS and RSS in KiB (smaps_rollup). */
    long[] pssRssKb() throws IOException {
        long pss = 0;
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                pss = kb(line);
            } else if (line.startsWith("Rss:")) {
                rss = kb(line);
            }
        }
        return new long[] {pss, rss};
    }

    /** Java heap used and committed in KiB, summed over the generations (Metaspace left out). */
    long[] heapUsedCommittedKb() throws IOException, InterruptedException {
        long used = 0;
        long committed = 0;
        for (String line : jcmd("GC.heap_info").split("\n")) {
            Matcher m = SPACE.matcher(line);
            if (m.find() && !m.group(1).startsWith("Metaspace") && !m.group(1).startsWith("class space")) {
                committed += Long.parseLong(m.group(2));
                used += Long.parseLong(m.group(3));
            }
        }
        return new long[] {used, committed};
    }

    /** A full collection (System.gc()), so that the heap reading is live objects only. */
    void fullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
    }

    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        argv.addAll(List.of(command));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: "
                    + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static long kb(String line) {
        return Long.parseLong(line.trim().split("\\s+")[1]);
    }
}
