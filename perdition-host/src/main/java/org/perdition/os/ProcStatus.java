package org.perdition.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The credentials lines of {@code /proc/<pid>[/task/<tid>]/status}: {@code Uid:} and {@code Gid:}
 * (real, effective, saved, filesystem) and {@code Groups:} (supplementary). What the kernel says,
 * independent of what libc returned: the privilege drop checks itself against it, per thread.
 */
public record ProcStatus(long[] uids, long[] gids, Set<Long> groups) {

    public static ProcStatus read(Path statusFile) throws IOException {
        return parse(Files.readString(statusFile));
    }

    public static ProcStatus parse(String text) {
        long[] uids = null;
        long[] gids = null;
        Set<Long> groups = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("Uid:")) {
                uids = numbers(line);
            } else if (line.startsWith("Gid:")) {
                gids = numbers(line);
            } else if (line.startsWith("Groups:")) {
                groups = new TreeSet<>();
                for (long g : numbers(line)) {
                    groups.add(g);
                }
            }
        }
        if (uids == null || gids == null || groups == null || uids.length != 4 || gids.length != 4) {
            throw new IllegalArgumentException("no Uid:/Gid:/Groups: lines in a /proc status file");
        }
        return new ProcStatus(uids, gids, groups);
    }

    private static long[] numbers(String line) {
        String[] fields = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        List<Long> values = new ArrayList<>();
        for (String f : fields) {
            if (!f.isEmpty()) {
                values.add(Long.parseLong(f));
            }
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** Real, effective, saved and filesystem ids all equal {@code uid} / {@code gid}. */
    public boolean allIdsAre(long uid, long gid) {
        for (int i = 0; i < 4; i++) {
            if (uids[i] != uid || gids[i] != gid) {
                return false;
            }
        }
        return true;
    }

    /** Every thread of this process, as the kernel sees it. */
    static List<ProcStatus> allThreadsOfThisProcess() throws IOException {
        List<ProcStatus> all = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    all.add(read(task.resolve("status")));
                } catch (java.nio.file.NoSuchFileException gone) {
                    // a thread that ended while we looked
                }
            }
        }
        return all;
    }
}
