package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;

/** -u, -g and -i are options like any other now (issue 7), with one combination refused. */
class RunAsOptionsTest extends LoaderFixture {

    @Test
    void userGroupAndInetdAreAccepted() throws Exception {
        Settings s = load("-u", "mail", "-g", "mail", "-i");
        assertThat(s.username).isEqualTo("mail");
        assertThat(s.group).isEqualTo("mail");
        assertThat(s.inetdMode).isTrue();
    }

    @Test
    void defaultsAreNobodyAndNogroupAsPerdition() throws Exception {
        Settings s = load();
        assertThat(s.username).isEqualTo("nobody");
        assertThat(s.group).isEqualTo("nogroup");
        assertThat(s.inetdMode).isFalse();
    }

    @Test
    void inetdModeWithLogToStdoutIsRefused() {
        assertThatThrownBy(() -> load("-i", "-F", "-")).isInstanceOf(UsageException.class)
                .hasMessage("perdition: --inetd_mode: --log_facility - would log to standard output,"
                        + " which is the client connection; use + or a file");
    }

    @Test
    void inetdModeWithLogToStderrOrAFileIsFine() throws Exception {
        assertThat(load("-i", "-F", "+").logFacility).isEqualTo("+");
        assertThat(load("-i", "-F", "/var/log/perdition.log").logFacility).isEqualTo("/var/log/perdition.log");
    }
}
