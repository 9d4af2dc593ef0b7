package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;

/**
 * Debian's /etc/perdition/perdition.conf (kept as a test resource, byte for byte). Its only
 * non-# lines form a managesieve_capability example; the comment on the line before ends with a
 * backslash, which continues the COMMENT across the whole example (spec §2.4), so the shipped
 * file sets nothing. Uncommented, the same lines give the spec §3.6 default with VERSION "1.18".
 */
class ShippedConfigTest extends LoaderFixture {

    private static final String EXPECTED_CAPABILITY = Settings.DEFAULT_MANAGESIEVE_CAPABILITY
            .replace("\"VERSION\" \"1.0\"", "\"VERSION\" \"1.18\"");

    private static String shipped() throws Exception {
        try (var in = ShippedConfigTest.class.getResourceAsStream("debian-perdition.conf")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void shippedFileLoadsUnchangedAndSetsNothing() throws Exception {
        Path copy = writeConfig("perdition.conf", shipped());
        Settings s = load();
        assertThat(s.configFile).isEqualTo(copy);
        assertThat(s.explicitOptions).isEmpty();
        assertThat(s.managesieveCapability).isEqualTo(Settings.DEFAULT_MANAGESIEVE_CAPABILITY);
    }

    @Test
    void uncommentedExampleGivesTheFiveItems() throws Exception {
        String text = shipped();
        assertThat(text).contains("\n#managesieve_capability \\\n");
        writeConfig("perdition.conf", text.replace("\n#managesieve_capability \\\n", "\nmanagesieve_capability \\\n"));
        Settings s = load();
        assertThat(s.explicitOptions).containsExactly("managesieve_capability");
        assertThat(s.managesieveCapability).isEqualTo(EXPECTED_CAPABILITY);
        assertThat(s.managesieveCapability.split("  ")).hasSize(5)
                .startsWith("\"IMPLEMENTATION\" \"perdition\"")
                .contains("\"SIEVE\" \"comparator-i;octet comparator-i;ascii-casemap fileinto reject envelope "
                        + "encoded-character vacation subaddress comparator-i;ascii-numeric relational regex "
                        + "imap4flags copy include variables body enotify environment mailbox date\"")
                .endsWith("\"VERSION\" \"1.18\"");
    }

    @Test
    void realInstalledFileWhenPresent() throws Exception {
        Path real = Path.of("/etc/perdition/perdition.conf");
        if (Files.isReadable(real)) {
            assertThat(Files.readString(real, StandardCharsets.ISO_8859_1)).isEqualTo(shipped());
            Settings s = load("-f", real.toString());
            assertThat(s.configFile).isEqualTo(real);
            assertThat(s.explicitOptions).containsExactly("config_file");
        }
    }
}
