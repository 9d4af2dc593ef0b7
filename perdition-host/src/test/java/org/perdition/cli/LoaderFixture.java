package org.perdition.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.config.Settings;

/** Points config discovery at a temporary directory, so no test reads the real /etc/perdition. */
abstract class LoaderFixture {

    @TempDir
    Path sysconf;

    @BeforeEach
    void pointDiscoveryAtTempDir() {
        System.setProperty(ConfigFileLocator.SYSCONFDIR_PROPERTY, sysconf.toString());
    }

    @AfterEach
    void restoreDiscovery() {
        System.clearProperty(ConfigFileLocator.SYSCONFDIR_PROPERTY);
    }

    Path writeConfig(String name, String text) throws IOException {
        Path file = sysconf.resolve(name);
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return file;
    }

    static Settings load(String... args) throws UsageException {
        return SettingsLoader.load("perdition", args);
    }
}
