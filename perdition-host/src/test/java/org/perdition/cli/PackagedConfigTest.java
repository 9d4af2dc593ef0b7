package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;

/**
 * The Debian package's /etc/perdition/perdition.conf (dist/debian/etc/perdition/perdition.conf)
 * is a conffile of comments only: it must load without error and set nothing, so an installed
 * proxy runs on perdition's defaults until the administrator uncomments something. Each example
 * line, uncommented, must be a valid option too.
 */
class PackagedConfigTest extends LoaderFixture {

    private static final Path PACKAGED = Path.of("../dist/debian/etc/perdition/perdition.conf");

    @Test
    void loadsAndSetsNothing() throws Exception {
        Settings s = load("-f", PACKAGED.toString());
        assertThat(s.configFile).isEqualTo(PACKAGED);
        assertThat(s.explicitOptions).containsExactly("config_file");
    }

    @Test
    void everyExampleIsAValidOption() throws Exception {
        String text = Files.readString(PACKAGED, StandardCharsets.ISO_8859_1);
        String uncommented = text.replaceAll("(?m)^#([a-z_]+ )", "$1");
        assertThat(uncommented).isNotEqualTo(text);
        writeConfig("perdition.conf", uncommented);
        Settings s = load();
        assertThat(s.explicitOptions).contains("bind_address", "listen_port", "map_library", "map_library_opt",
                "outgoing_server", "outgoing_port", "ssl_cert_file", "ssl_key_file", "log_facility");
        assertThat(s.mapLibrary).isEqualTo("posix_regex");
        assertThat(s.mapLibraryOptions).isEqualTo("/etc/perdition/popmap.re");
    }
}
