package org.perdition.os;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.perdition.StartupException;
import org.perdition.config.Settings;
import org.perdition.log.Log;

/**
 * {@code -u USER -g GROUP}: bind first, then drop (spec §7.1). Prepared before anything is bound
 * (names resolved, so a typo stops start-up with nothing served); {@link #apply()} runs once the
 * listening sockets, or the inherited connection, are in hand and before the first byte is served.
 *
 * <p>Order: setgid, initgroups, setuid. perdition calls only setgid and setuid, so the daemon keeps
 * root's supplementary groups (bug B21); we do what it meant and load the run user's group list
 * (just {@code gid} for a numeric uid without a passwd entry). The result is then checked against
 * the kernel's view of every thread, and a process that could become root again refuses to run on.
 */
public final class PrivilegeDrop {

    /** What a start-up does about -u/-g. */
    public enum Plan {
        /** euid 0: drop to the run user. */
        DROP,
        /** Not started as root: -u/-g are ignored, as perdition does. */
        NOT_ROOT,
        /**
         * -a (PAM): pam_unix must read /etc/shadow, so perdition keeps root in the listening daemon
         * and drops in each connection's child after PAM. A JVM serves every connection from one
         * process, so there is no child to drop in: we keep root, as perdition's daemon does, and say
         * so at WARNING. TODO(issue 6, PAM): once -a lands, consider dropping to -u with the "shadow"
         * group kept instead, so pam_unix can read /etc/shadow without root.
         */
        KEEP_ROOT_FOR_PAM
    }

    private final Settings settings;
    private final Plan plan;
    private final RunAs target;

    private PrivilegeDrop(Settings settings, Plan plan, RunAs target) {
        this.settings = settings;
        this.plan = plan;
        this.target = target;
    }

    static Plan plan(boolean authenticateIn, int euid) {
        if (euid != 0) {
            return Plan.NOT_ROOT;
        }
        return authenticateIn ? Plan.KEEP_ROOT_FOR_PAM : Plan.DROP;
    }

    /** Resolves -u/-g when they will be used; an unknown name is a start-up error naming the option. */
    public static PrivilegeDrop prepare(Settings settings) throws StartupException {
        Plan plan = plan(settings.authenticateIn, Libc.C.geteuid());
        RunAs target = plan == Plan.DROP ? RunAs.resolve(settings.programName, settings.username, settings.group)
                : null;
        return new PrivilegeDrop(settings, plan, target);
    }

    public Plan plan() {
        return plan;
    }

    /** Changes user and group as planned, and verifies the change; call after binding, before serving. */
    public void apply() throws StartupException {
        String who = settings.username + "/" + settings.group;
        switch (plan) {
            case NOT_ROOT -> {
                Log.debug("Not changing user to " + who + ": not running as root (euid "
                        + Integer.toUnsignedString(Libc.C.geteuid()) + ")");
                return;
            }
            case KEEP_ROOT_FOR_PAM -> {
                Log.warning("Not changing user to " + who + ": --authenticate_in (PAM) needs root;"
                        + " running as root");
                return;
            }
            default -> {
            }
        }
        ClassPathPin.openAll();
        check(Libc.C.setgid(target.gid()), "setgid(" + Integer.toUnsignedString(target.gid()) + ")");
        if (target.userName() != null) {
            check(Libc.C.initgroups(target.userName(), target.gid()), "initgroups(" + target.userName() + ")");
        } else {
            check(Libc.C.setgroups(new NativeLong(1), new int[] {target.gid()}), "setgroups");
        }
        check(Libc.C.setuid(target.uid()), "setuid(" + Integer.toUnsignedString(target.uid()) + ")");
        verify();
        if (target.isRoot()) {
            Log.warning("Running as root: --username " + settings.username + " is uid 0");
        } else {
            Log.info("Changed user to " + target.describe());
        }
    }

    private void check(int result, String call) throws StartupException {
        if (result != 0) {
            int errno = Native.getLastError();
            throw failure(call + " failed: " + Libc.C.strerror(errno) + " (errno " + errno + ")");
        }
    }

    /**
     * libc's answer, then the kernel's for every thread (glibc broadcasts set*id to all threads; a
     * thread it missed would still be root), then proof that root cannot be had back.
     */
    private void verify() throws StartupException {
        int uid = target.uid();
        int gid = target.gid();
        if (Libc.C.getuid() != uid || Libc.C.geteuid() != uid || Libc.C.getgid() != gid || Libc.C.getegid() != gid) {
            throw failure("user or group did not change");
        }
        Set<Long> expectedGroups = currentGroups();
        if (!expectedGroups.contains(Integer.toUnsignedLong(gid))) {
            throw failure("supplementary groups " + expectedGroups + " lack " + Integer.toUnsignedString(gid));
        }
        try {
            List<ProcStatus> threads = ProcStatus.allThreadsOfThisProcess();
            for (ProcStatus thread : threads) {
                if (!thread.allIdsAre(Integer.toUnsignedLong(uid), Integer.toUnsignedLong(gid))
                        || !thread.groups().equals(expectedGroups)) {
                    throw failure("a thread kept other credentials: Uid " + Arrays.toString(thread.uids())
                            + " Gid " + Arrays.toString(thread.gids()) + " Groups " + thread.groups());
                }
            }
        } catch (IOException e) {
            throw failure("cannot read /proc/self/task: " + e.getMessage());
        }
        if (!target.isRoot() && (Libc.C.setuid(0) == 0 || Libc.C.setgid(0) == 0)) {
            throw failure("root could be regained after the drop");
        }
    }

    private static Set<Long> currentGroups() {
        int[] groups = new int[Libc.C.getgroups(0, null) + 8];
        int n = Libc.C.getgroups(groups.length, groups);
        Set<Long> set = new TreeSet<>();
        for (int i = 0; i < Math.max(n, 0); i++) {
            set.add(Integer.toUnsignedLong(groups[i]));
        }
        return set;
    }

    private StartupException failure(String why) {
        return new StartupException(settings.programName + ": cannot change user to " + target.describe()
                + ": " + why);
    }
}
