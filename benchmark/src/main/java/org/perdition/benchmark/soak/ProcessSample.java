package org.perdition.benchmark.soak;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A proxy process's resources at one moment, from /proc: resident set, open descriptors, threads.
 *
 * @param rssKb VmRSS in KiB
 */
record ProcessSample(long rssKb, int fds, int threads) {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    static ProcessSample of(long pid) {
        long rss = -1;
        int threads = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended: -1 marks it in the report
        }
        String[] fds = new File("/proc/" + pid + "/fd").list();
        return new ProcessSample(rss, fds == null ? -1 : fds.length, threads);
    }

    /**
     * Java heap in use after a full collection, in KiB ({@code GC.run} then {@code GC.heap_info},
     * in one {@code jcmd PID -f FILE}), or -1 when jcmd cannot attach. A JVM start per call: taken at
     * phase ends and every few minutes, not every sample.
     */
    static long heapAfterGcKb(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Path commands = Files.createTempFile("soak-jcmd", ".txt");
            try {
                Files.writeString(commands, "GC.run\nGC.heap_info\n");
                Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "-f", commands.toString())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                Matcher m = HEAP_USED.matcher(out);
                return m.find() ? Long.parseLong(m.group(1)) : -1;
            } finally {
                Files.deleteIfExists(commands);
            }
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@link #heapAfterGcKb} of several processes at once (one jcmd each, in parallel). */
    static long[] heapAfterGcKb(long[] pids) {
        return java.util.Arrays.stream(pids).parallel().map(ProcessSample::heapAfterGcKb).toArray();
    }
}
