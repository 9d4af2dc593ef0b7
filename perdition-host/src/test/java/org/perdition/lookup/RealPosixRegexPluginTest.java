package org.perdition.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.config.Settings;
import org.perdition.protocol.Credentials;

/**
 * The shipped posix_regex plugin, loaded from the checkout's plugins/ directory where its build
 * puts it (perdition-host does not depend on it, so build plugin-posix-regex first; skipped otherwise).
 */
class RealPosixRegexPluginTest {

    private static final Path PLUGINS = Path.of("..", "plugins");

    @TempDir
    Path dir;

    @Test
    void perditionLibraryPathSelectsThePosixRegexPlugin() throws Exception {
        assumeThat(Files.isRegularFile(PLUGINS.resolve("posix_regex.jar")))
                .as("plugins/posix_regex.jar is built by plugin-posix-regex's package phase").isTrue();
        Path rules = dir.resolve("popmap.re");
        Files.writeString(rules, "^user: user2@localhost\nbob carol@h:2110\n(.*)@(.*): $1_$2@backend\n");
        Settings settings = new Settings();
        settings.pluginDirectory = PLUGINS;
        settings.mapLibrary = "/usr/lib/x86_64-linux-gnu/libperditiondb_posix_regex.so.0";
        settings.mapLibraryOptions = rules.toString();
        settings.usernameFromDatabase = true;
        settings.explicitOptions.add("map_library");
        InetSocketAddress client = new InetSocketAddress("127.0.0.1", 5000);
        try (PopmapResolver resolver = PopmapResolver.create(settings)) {
            assertThat(resolver.resolve(new Credentials(null, "xboby", "pw", null), client, client))
                    .isEqualTo(new Resolution(new BackendAddress("h", 2110), "xcarol", "xcarol"));
            assertThat(resolver.resolve(new Credentials(null, "a@b", "pw", null), client, client))
                    .isEqualTo(new Resolution(new BackendAddress("backend", 110), "a_b", "a_b"));
            assertThat(resolver.resolve(new Credentials(null, "user", "pw", null), client, client).remoteUser())
                    .isEqualTo("user2");
            assertThat(resolver.resolve(new Credentials(null, "nobody", "pw", null), client, client).found()).isFalse();
        }
    }
}
