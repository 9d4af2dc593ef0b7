package org.perdition.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.perdition.StartupException;

/** -u/-g names and numbers, checked against this machine's own /etc/passwd and /etc/group. */
class RunAsTest {

    /** Field {@code index} of the entry {@code name} in a colon-separated database file. */
    private static Optional<String> field(String file, String name, int index) throws Exception {
        return Files.readAllLines(Path.of(file)).stream().map(l -> l.split(":", -1))
                .filter(f -> f[0].equals(name)).map(f -> f[index]).findFirst();
    }

    @Test
    void namesResolveAsTheSystemDatabasesSay() throws Exception {
        String uid = field("/etc/passwd", "root", 2).orElseThrow();
        String gid = field("/etc/group", "root", 2).orElseThrow();
        RunAs root = RunAs.resolve("perdition", "root", "root");
        assertThat(Integer.toUnsignedString(root.uid())).isEqualTo(uid);
        assertThat(Integer.toUnsignedString(root.gid())).isEqualTo(gid);
        assertThat(root.userName()).isEqualTo("root");
        assertThat(root.isRoot()).isTrue();
    }

    @Test
    void nobodyAndNogroupWhenTheMachineHasThem() throws Exception {
        Optional<String> uid = field("/etc/passwd", "nobody", 2);
        Optional<String> gid = field("/etc/group", "nogroup", 2);
        org.junit.jupiter.api.Assumptions.assumeTrue(uid.isPresent() && gid.isPresent(), "no nobody/nogroup");
        RunAs nobody = RunAs.resolve("perdition", "nobody", "nogroup");
        assertThat(nobody.describe()).isEqualTo("nobody/nogroup (uid " + uid.get() + ", gid " + gid.get() + ")");
    }

    @Test
    void aNumberWithoutAnEntryIsTakenAsTheId() throws Exception {
        RunAs numeric = RunAs.resolve("perdition", "54321", "54322");
        assertThat(numeric.uid()).isEqualTo(54321);
        assertThat(numeric.gid()).isEqualTo(54322);
        assertThat(numeric.userName()).as("no passwd entry: no group list to load").isNull();
    }

    @Test
    void unknownNamesAreStartupErrorsNamingTheOption() {
        assertThatThrownBy(() -> RunAs.resolve("perdition.pop3", "no-such-user-x", "root"))
                .isInstanceOf(StartupException.class)
                .hasMessage("perdition.pop3: --username: unknown user 'no-such-user-x'");
        assertThatThrownBy(() -> RunAs.resolve("perdition.pop3", "root", "no-such-group-x"))
                .isInstanceOf(StartupException.class)
                .hasMessage("perdition.pop3: --group: unknown group 'no-such-group-x'");
    }

    @Test
    void idsAreUnsigned32BitButNotMinusOne() {
        assertThat(RunAs.isId("0")).isTrue();
        assertThat(RunAs.isId("4294967294")).isTrue();
        assertThat(RunAs.isId("4294967295")).as("(uid_t) -1 means 'no change'").isFalse();
        assertThat(RunAs.isId("99999999999")).isFalse();
        assertThat(RunAs.isId("")).isFalse();
        assertThat(RunAs.isId("-1")).isFalse();
        assertThat(RunAs.isId("12a")).isFalse();
    }
}
