package org.perdition.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;

class OptionDumpTest {

    @Test
    void namesEveryOptionWithItsValue() {
        Settings settings = new Settings();
        settings.okLine = "in \"you go\"";
        settings.outgoingServers.add("[::1]:110");
        String dump = OptionDump.of(settings);
        assertThat(dump).startsWith("Options: ")
                .contains("okLine=in \\\"you go\\\"", "outgoingServers=[[::1]:110]", "timeout=1800",
                        "mapLibrary=" + Settings.DEFAULT_MAP_LIBRARY)
                .doesNotContain("DEFAULT_MANAGESIEVE_CAPABILITY");
    }
}
