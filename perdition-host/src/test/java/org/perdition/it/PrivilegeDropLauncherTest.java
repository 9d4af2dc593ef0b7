package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.os.ProcStatus;
import org.perdition.os.RunAs;

/**
 * {@code -u nobody -g nogroup} through the real launcher, started as root (spec §7.1, bug B21):
 * the kernel's view of the running JVM ({@code /proc/<pid>/status} and every thread's) shows only
 * nobody/nogroup, and the proxy still logs in to Dovecot and writes its log file. Runs only as
 * root (CI and this machine are); elsewhere the drop is not even attempted.
 */
class PrivilegeDropLauncherTest {

    private static DovecotServer dovecot;

    @TempDir
    Path tmp;

    private final List<PerditionProcess> started = new ArrayList<>();

    @BeforeAll
    static void startDovecot() throws Exception {
        Assumptions.assumeTrue(runningAsRoot(), "the privilege drop needs root");
        dovecot = DovecotServer.start();
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @AfterEach
    void stopPerdition() {
        started.forEach(PerditionProcess::close);
    }

    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** In the foreground (--no_daemon): the pid read from /proc must be the proxy's own, not a launcher's. */
    private PerditionProcess start(String... args) throws Exception {
        List<String> withForeground = new ArrayList<>(List.of(args));
        withForeground.add("--no_daemon");
        PerditionProcess p = PerditionProcess.start("perdition.imap4", withForeground.toArray(String[]::new));
        started.add(p);
        return p;
    }

    /** A log file the run user may write, in a directory it may enter (the test's temp dir is root's, 0700). */
    private Path logFileOwnedBy(String user, String group) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("log"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = Files.createFile(dir.resolve("perdition.log"));
        UserPrincipalLookupService names = log.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(log, PosixFileAttributeView.class);
        view.setOwner(names.lookupPrincipalByName(user));
        view.setGroup(names.lookupPrincipalByGroupName(group));
        return log;
    }

    @Test
    void dropsToNobodyAfterBindingAndStillProxies() throws Exception {
        RunAs nobody = RunAs.resolve("test", "nobody", "nogroup");
        Path log = logFileOwnedBy("nobody", "nogroup");
        int port = LineClient.freePort();
        PerditionProcess p = start("-f", "", "-M", "", "-s", "127.0.0.1:" + dovecot.imapPort(),
                "-b", "127.0.0.1:" + port, "-F", log.toString(), "-u", "nobody", "-g", "nogroup",
                "--failure_delay", "0");
        p.awaitFile(log, "Listening on ");

        long uid = Integer.toUnsignedLong(nobody.uid());
        long gid = Integer.toUnsignedLong(nobody.gid());
        Path proc = Path.of("/proc", Long.toString(p.pid()));
        ProcStatus status = ProcStatus.read(proc.resolve("status"));
        assertThat(status.uids()).as("Uid: real, effective, saved, fs").containsOnly(uid);
        assertThat(status.gids()).as("Gid: real, effective, saved, fs").containsOnly(gid);
        assertThat(status.groups()).as("Groups: root's are gone (bug B21)").isSubsetOf(Set.of(gid));
        try (var tasks = Files.list(proc.resolve("task"))) {
            for (Path task : tasks.toList()) {
                ProcStatus thread = ProcStatus.read(task.resolve("status"));
                assertThat(thread.allIdsAre(uid, gid)).as("thread %s", task.getFileName()).isTrue();
                assertThat(thread.groups()).isEqualTo(status.groups());
            }
        }

        int[] direct = MailClient.imap(dovecot.imapPort()).inboxSizes("alice", "alicepw");
        int[] proxied = MailClient.imap(port).inboxSizes("alice", "alicepw");
        assertThat(proxied).isNotEmpty().isEqualTo(direct);
        p.awaitFile(log, "authentication_id=\"alice\"");
        assertThat(Files.readString(log)).contains("Changed user to nobody/nogroup (uid " + uid + ", gid " + gid + ")");
        assertThat(Files.getOwner(log).getName()).isEqualTo("nobody");
    }

    @Test
    void unknownUserIsAStartupErrorNamingTheOptionAndNothingIsServed() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = start("-f", "", "-M", "", "-s", "127.0.0.1:1", "-b", "127.0.0.1:" + port, "-F", "+",
                "-u", "no-such-user-perdition");
        assertThat(p.awaitExit()).isEqualTo(255);
        assertThat(p.stderr()).contains("perdition.imap4: --username: unknown user 'no-such-user-perdition'")
                .doesNotContain("Listening on");
        assertThat(LineClient.refused("127.0.0.1", port)).isTrue();
    }

    @Test
    void unknownGroupIsAStartupErrorNamingTheOption() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = start("-f", "", "-M", "", "-s", "127.0.0.1:1", "-b", "127.0.0.1:" + port, "-F", "+",
                "-g", "no-such-group-perdition");
        assertThat(p.awaitExit()).isEqualTo(255);
        assertThat(p.stderr()).contains("perdition.imap4: --group: unknown group 'no-such-group-perdition'")
                .doesNotContain("Listening on");
    }

    /** A root-owned group list must not survive: a user with no other groups ends with its -g group alone. */
    @Test
    void numericIdsWithoutPasswdEntryGetOnlyTheirGroup() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = start("-f", "", "-M", "", "-s", "127.0.0.1:1", "-b", "127.0.0.1:" + port, "-F", "+",
                "-u", "54321", "-g", "54322");
        p.awaitListening();
        ProcStatus status = ProcStatus.read(Path.of("/proc", Long.toString(p.pid()), "status"));
        assertThat(status.allIdsAre(54321, 54322)).as("stderr:%n%s", p.stderr()).isTrue();
        assertThat(status.groups()).containsExactly(54322L);
        try (LineClient client = LineClient.connect("127.0.0.1", port)) {
            assertThat(client.readLine()).startsWith("* OK ");
        }
    }
}
