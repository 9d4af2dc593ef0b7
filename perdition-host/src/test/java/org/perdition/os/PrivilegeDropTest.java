package org.perdition.os;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When -u/-g apply (spec §7.1); the drop itself is tested through the launcher (PrivilegeDropLauncherTest). */
class PrivilegeDropTest {

    @Test
    void rootDrops() {
        assertThat(PrivilegeDrop.plan(false, 0)).isEqualTo(PrivilegeDrop.Plan.DROP);
    }

    @Test
    void nonRootIgnoresUserAndGroupAsPerdition() {
        assertThat(PrivilegeDrop.plan(false, 1000)).isEqualTo(PrivilegeDrop.Plan.NOT_ROOT);
        assertThat(PrivilegeDrop.plan(true, 1000)).isEqualTo(PrivilegeDrop.Plan.NOT_ROOT);
    }

    @Test
    void pamKeepsRootAsPerditionsDaemonDoes() {
        assertThat(PrivilegeDrop.plan(true, 0)).isEqualTo(PrivilegeDrop.Plan.KEEP_ROOT_FOR_PAM);
    }
}
