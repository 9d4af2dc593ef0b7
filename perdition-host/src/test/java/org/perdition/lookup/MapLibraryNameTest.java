package org.perdition.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;

class MapLibraryNameTest {

    @Test
    void emptyMeansNoMap() throws Exception {
        assertThat(MapLibraryName.parse("")).isEmpty();
        assertThat(MapLibraryName.parse(null)).isEmpty();
    }

    @Test
    void perditionLibraryPathsMapToPluginIds() throws Exception {
        assertThat(MapLibraryName.parse("/usr/lib/x86_64-linux-gnu/libperditiondb_posix_regex.so.0"))
                .contains(new MapLibraryName("posix_regex", null));
        assertThat(MapLibraryName.parse("libperditiondb_gdbm.so")).contains(new MapLibraryName("gdbm", null));
        assertThat(MapLibraryName.parse(Settings.DEFAULT_MAP_LIBRARY)).contains(new MapLibraryName("gdbm", null));
        assertThat(MapLibraryName.parse("/opt/libperditiondb_mysql.so.0.0.0")).contains(new MapLibraryName("mysql", null));
    }

    @Test
    void pluginIdsAndJarsAreTakenAsTheyAre() throws Exception {
        assertThat(MapLibraryName.parse("posix_regex")).contains(new MapLibraryName("posix_regex", null));
        assertThat(MapLibraryName.parse("/opt/maps/mine.jar")).contains(new MapLibraryName(null, Path.of("/opt/maps/mine.jar")));
        assertThat(MapLibraryName.parse("/opt/maps/mine.jar").orElseThrow().label()).isEqualTo("/opt/maps/mine.jar");
    }

    @Test
    void otherPathsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> MapLibraryName.parse("/usr/lib/libfoo.so"))
                .isInstanceOf(MapLoadException.class)
                .hasMessage("map library /usr/lib/libfoo.so: not a plugin id, a .jar file or a libperditiondb_NAME.so path");
    }
}
