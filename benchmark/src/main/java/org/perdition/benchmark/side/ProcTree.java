package org.perdition.benchmark.side;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU and memory of a process and all its descendants, read from /proc: perdition forks a child
 * per connection and nginx has workers, so a proxy's cost is its whole tree's. CPU is utime + stime
 * of every live process plus cutime + cstime (children already reaped), in clock ticks of 1/100 s
 * (USER_HZ on Linux). Memory is Pss and Rss from smaps_rollup: PSS shares the pages a forked tree
 * has in common fairly, so the tree's PSS sum is what it really costs.
 */
final class ProcTree {

    private static final double TICK = 0.01;

    private ProcTree() {
    }

    /** Memory of a tree: PSS and RSS in KiB, and how many processes it has. */
    record Memory(long pssKb, long rssKb, int processes) {
    }

    static List<Long> members(long root) {
        List<Long> pids = new ArrayList<>();
        pids.add(root);
        ProcessHandle.of(root).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    /** CPU seconds the tree has used so far (the processes alive now and the children they reaped). */
    static double cpuSeconds(long root) {
        long ticks = 0;
        for (long pid : members(root)) {
            long[] t = stat(pid);
            ticks += t[0] + t[1] + t[2] + t[3];
        }
        return ticks * TICK;
    }

    /**
     * CPU seconds (utime + stime) of every thread of the tree so far, summed by thread name with
     * numbers after - or # and at the end folded to N ("GC Thread#N", "perdition-io-N-N"), so a window's difference shows
     * what the JIT, the GC and the event loops each cost. Empty for a negative pid.
     */
    static java.util.Map<String, Double> threadCpu(long root) {
        java.util.Map<String, Double> byName = new java.util.TreeMap<>();
        if (root < 0) {
            return byName;
        }
        for (long pid : members(root)) {
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                tasks.forEach(task -> {
                    try {
                        String s = Files.readString(task.resolve("stat"));
                        String name = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')')).replaceAll("(?<=[-#])[0-9]+|[0-9]+$", "N");
                        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                        byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK, Double::sum);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended between the listing and the read
                    }
                });
            } catch (IOException | RuntimeException gone) {
                // the process ended
            }
        }
        return byName;
    }

    /** CPU seconds of this JVM alone (the load generator), children not included. */
    static double selfCpuSeconds() {
        long[] t = stat(ProcessHandle.current().pid());
        return (t[0] + t[1]) * TICK;
    }

    static Memory memory(long root) {
        long pss = 0;
        long rss = 0;
        int n = 0;
        for (long pid : members(root)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        pss += kb(line);
                    } else if (line.startsWith("Rss:")) {
                        rss += kb(line);
                    }
                }
                n++;
            } catch (IOException gone) {
                // exited between the listing and the read
            }
        }
        return new Memory(pss, rss, n);
    }

    private static long kb(String line) {
        String[] f = line.trim().split("\\s+");
        return Long.parseLong(f[1]);
    }

    /** utime, stime, cutime, cstime of one process; zeros when it is gone. */
    private static long[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold blanks and parentheses: fields start after the last ')'
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): utime is field 14 -> f[11]
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14])};
        } catch (IOException | RuntimeException gone) {
            return new long[4];
        }
    }
}
