package org.perdition.integrity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Proportional set size (PSS, /proc/PID/smaps_rollup) of a process and all its descendants: the
 * memory Dovecot really costs, shared pages divided among the processes that share them. For
 * the printed figures only; nothing asserts on it.
 */
record TreeMemory(int processes, long pssKilobytes) {

    static TreeMemory of(long rootPid) {
        List<ProcessHandle> tree = Stream.concat(ProcessHandle.of(rootPid).stream(),
                ProcessHandle.of(rootPid).stream().flatMap(ProcessHandle::descendants)).toList();
        long pss = 0;
        for (ProcessHandle process : tree) {
            pss += pssOf(process.pid());
        }
        return new TreeMemory(tree.size(), pss);
    }

    private static long pssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended meanwhile: it costs nothing any more
        }
        return 0;
    }

    @Override
    public String toString() {
        return String.format("%d processes, PSS %.1f MB", processes, pssKilobytes / 1024.0);
    }
}
