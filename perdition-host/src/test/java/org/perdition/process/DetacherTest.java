package org.perdition.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.cli.SettingsLoader;
import org.perdition.config.Settings;

/** When perdition detaches (spec §6.4, §7.1): the whole configuration decides, config file included. */
class DetacherTest {

    @TempDir
    Path tmp;

    private Settings load(String configText, String... args) throws Exception {
        Path conf = Files.writeString(tmp.resolve("perdition.conf"), configText);
        List<String> all = new ArrayList<>(List.of("-f", conf.toString()));
        all.addAll(List.of(args));
        return SettingsLoader.load("perdition.imap4", all.toArray(String[]::new));
    }

    @Test
    void detachesByDefaultAndWithFileOrSyslogLogging() throws Exception {
        assertThat(Detacher.wanted(load(""))).isTrue();
        assertThat(Detacher.wanted(load("", "-F", "/var/log/perdition.log"))).isTrue();
        assertThat(Detacher.wanted(load("", "-F", "local3"))).isTrue();
    }

    @Test
    void staysInTheForegroundForNoDaemonStdoutStderrAndInetd() throws Exception {
        assertThat(Detacher.wanted(load("", "--no_daemon"))).isFalse();
        assertThat(Detacher.wanted(load("", "-F", "-"))).isFalse();
        assertThat(Detacher.wanted(load("", "-F", "+"))).isFalse();
        Settings inetd = load("");
        inetd.inetdMode = true;
        assertThat(Detacher.wanted(inetd)).isFalse();
    }

    @Test
    void theConfigFileCounts() throws Exception {
        assertThat(Detacher.wanted(load("no_daemon\n"))).isFalse();
        assertThat(Detacher.wanted(load("log_facility +\n"))).isFalse();
        assertThat(Detacher.wanted(load("log_facility mail\n"))).isTrue();
    }
}
