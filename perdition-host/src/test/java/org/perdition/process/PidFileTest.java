package org.perdition.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.cli.SettingsLoader;
import org.perdition.config.Settings;

/** The pid file of spec §7.2, on real files and real processes. */
class PidFileTest {

    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path tmp;

    @Test
    void createsTheLastDirectoryAndWritesThePidWithoutNewline() throws Exception {
        Path path = tmp.resolve("perdition.imap4/perdition.imap4.pid");
        try (PidFile pid = PidFile.create(path)) {
            assertThat(Files.readString(path)).isEqualTo(Long.toString(SELF));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-rw----");
            assertThat(pid.path()).isEqualTo(path);
        }
        assertThat(path).doesNotExist();
        assertThat(path.getParent()).isDirectory();
    }

    /** As root, the file and a directory it creates go to the run user (perdition chowns them, spec §7.2). */
    @Test
    void asRootTheFileAndNewDirectoryBelongToTheRunUser() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")), "not root");
        Path path = tmp.resolve("run/p.pid");
        try (PidFile pid = PidFile.create(path, new PidFile.Owner("nobody", "nogroup"))) {
            assertThat(Files.getOwner(path).getName()).isEqualTo("nobody");
            assertThat(Files.getOwner(path.getParent()).getName()).isEqualTo("nobody");
            assertThat(Files.readAttributes(path, java.nio.file.attribute.PosixFileAttributes.class).group().getName())
                    .isEqualTo("nogroup");
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void aMissingGrandparentIsAnError() {
        Path path = tmp.resolve("no/such/dir.pid");
        assertThatThrownBy(() -> PidFile.create(path)).isInstanceOf(PidFile.PidFileException.class)
                .hasMessageContaining("Could not write pid file " + path).hasMessageContaining("does not exist");
    }

    @Test
    void aLiveProcessRefusesTheStart() throws Exception {
        Path path = tmp.resolve("p.pid");
        Files.writeString(path, Long.toString(SELF));   // this JVM: certainly running
        assertThatThrownBy(() -> PidFile.create(path, SELF + 1_000_000))
                .isInstanceOf(PidFile.PidFileException.class)
                .hasMessageContaining("process " + SELF + " is running");
        assertThat(Files.readString(path)).isEqualTo(Long.toString(SELF));
    }

    @Test
    void aStaleFileIsReplaced() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path path = tmp.resolve("p.pid");
        Files.writeString(path, gone.pid() + "\n");
        assertThat(PidFile.isRunning(gone.pid())).isFalse();
        try (PidFile pid = PidFile.create(path)) {
            assertThat(Files.readString(path)).isEqualTo(Long.toString(SELF));
        }
    }

    @Test
    void garbageIsTreatedAsStale() throws Exception {
        Path path = tmp.resolve("p.pid");
        Files.writeString(path, "not a pid");
        try (PidFile pid = PidFile.create(path)) {
            assertThat(Files.readString(path)).isEqualTo(Long.toString(SELF));
        }
    }

    @Test
    void closeLeavesAnotherProcesssFileAlone() throws Exception {
        Path path = tmp.resolve("p.pid");
        PidFile pid = PidFile.create(path);
        Files.writeString(path, "12345");   // someone else took it over
        pid.close();
        assertThat(Files.readString(path)).isEqualTo("12345");
    }

    @Test
    void pathFollowsTheOptions() throws Exception {
        Path conf = Files.writeString(tmp.resolve("empty.conf"), "");
        Settings defaults = SettingsLoader.load("perdition.pop3", new String[] {"-f", conf.toString()});
        assertThat(PidFile.pathFor(defaults)).contains(Path.of("/var/run/perdition.pop3/perdition.pop3.pid"));
        Settings none = SettingsLoader.load("perdition.pop3", new String[] {"-f", conf.toString(), "--pid_file", ""});
        assertThat(PidFile.pathFor(none)).isEmpty();
        Settings named = SettingsLoader.load("perdition", new String[] {"-f", conf.toString(), "--pid_file", "/x/y.pid"});
        assertThat(PidFile.pathFor(named)).contains(Path.of("/x/y.pid"));
        named.inetdMode = true;   // no pid file in inetd mode (spec §7.6)
        assertThat(PidFile.pathFor(named)).isEmpty();
    }
}
