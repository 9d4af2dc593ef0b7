package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.perdition.config.Settings;

/**
 * Issue 9: the config file (spec §2.4) on arbitrary bytes, through the same path as start-up:
 * {@link ConfigFileOptions#read} (grammar, key table) then {@link OptionApplier#apply} (every
 * option's value checks). Allowed outcomes: Settings, or a {@link UsageException} whose message
 * names the file, a line and what is wrong; never another exception. The grammar alone
 * ({@link ConfigFileReader#parse}) gives entries with a key and a line number within the file, or
 * a SyntaxException with such a line number.
 */
class ConfigFileFuzzTest {

    private static Path directory;
    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        directory = Files.createTempDirectory("perdition-fuzz");
        file = directory.resolve("perdition.conf");
    }

    @AfterAll
    static void removeFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(directory);
    }

    @FuzzTest(maxDuration = "5m")
    void readsOrRefuses(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        long lines = text.chars().filter(c -> c == '\n' || c == '\r').count() + 1;
        try {
            List<ConfigFileReader.Entry> entries = ConfigFileReader.parse(text);
            for (ConfigFileReader.Entry entry : entries) {
                assertThat(entry.key()).isNotNull();
                assertThat((long) entry.line()).isBetween(1L, lines);
            }
        } catch (ConfigFileReader.SyntaxException refused) {
            assertThat((long) refused.line()).isBetween(1L, lines);
            assertThat(refused.getMessage()).isNotBlank();
        }

        Files.write(file, bytes);
        try {
            List<OptionValue> fromFile = ConfigFileOptions.read(file);
            OptionApplier.apply(new Settings(), fromFile, List.of());
        } catch (UsageException refused) {
            assertThat(refused.getMessage()).startsWith("perdition: ").isNotBlank();
            assertThat(refused.getMessage()).doesNotContain("\n").doesNotContain("\r");
        }
    }
}
