package org.perdition.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The kernel's credentials lines, as the privilege drop checks itself against them. */
class ProcStatusTest {

    @Test
    void parsesUidGidAndGroups() {
        ProcStatus status = ProcStatus.parse("Name:\tjava\nUid:\t65534\t65534\t65534\t65534\n"
                + "Gid:\t65534\t65534\t65534\t65534\nFDSize:\t256\nGroups:\t65534 \nNStgid:\t1\n");
        assertThat(status.allIdsAre(65534, 65534)).isTrue();
        assertThat(status.allIdsAre(65534, 0)).isFalse();
        assertThat(status.groups()).containsExactly(65534L);
    }

    @Test
    void aSavedRootIdIsNotDropped() {
        ProcStatus status = ProcStatus.parse("Uid:\t65534\t65534\t0\t65534\nGid:\t65534\t65534\t65534\t65534\n"
                + "Groups:\t\n");
        assertThat(status.allIdsAre(65534, 65534)).as("saved uid 0 could be regained").isFalse();
        assertThat(status.groups()).isEmpty();
    }

    @Test
    void readsThisProcessAsTheFilesystemReportsItsOwner() throws Exception {
        ProcStatus self = ProcStatus.read(Path.of("/proc/self/status"));
        long uid = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        assertThat(self.uids()[1]).as("effective uid").isEqualTo(uid);
        assertThat(ProcStatus.allThreadsOfThisProcess()).hasSizeGreaterThan(1);
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> ProcStatus.parse("Name:\tjava\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
