package org.perdition.lookup;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code -M/--map_library} names. perdition takes a shared library path; we take a plugin
 * id ({@code posix_regex}), a plugin jar ({@code /opt/maps/mine.jar}), or perdition's own library
 * path, which maps to the plugin of the same name
 * ({@code /usr/lib/x86_64-linux-gnu/libperditiondb_posix_regex.so.0} is {@code posix_regex}), so
 * existing configuration files keep working.
 *
 * @param pluginId the pf4j plugin id to look for in the plugin directory, or null when {@code jar} is set
 * @param jar      a plugin jar to load directly, or null when {@code pluginId} is set
 */
public record MapLibraryName(String pluginId, Path jar) {

    private static final Pattern PERDITION_LIBRARY = Pattern.compile("libperditiondb_(.+?)\\.so(\\..*)?");
    private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9_.-]+");

    public MapLibraryName {
        if ((pluginId == null) == (jar == null)) {
            throw new IllegalArgumentException("exactly one of pluginId and jar must be set");
        }
    }

    /**
     * Parses the {@code -M} value.
     *
     * @return empty for {@code ""} (no map: perdition is then a pure proxy to {@code -s})
     * @throws MapLoadException when the value is none of the three accepted forms
     */
    public static Optional<MapLibraryName> parse(String value) throws MapLoadException {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.endsWith(".jar")) {
            return Optional.of(new MapLibraryName(null, Path.of(value)));
        }
        String basename = value.substring(value.lastIndexOf('/') + 1);
        Matcher library = PERDITION_LIBRARY.matcher(basename);
        if (library.matches()) {
            return Optional.of(new MapLibraryName(library.group(1), null));
        }
        if (PLUGIN_ID.matcher(value).matches()) {
            return Optional.of(new MapLibraryName(value, null));
        }
        throw new MapLoadException("map library " + value
                + ": not a plugin id, a .jar file or a libperditiondb_NAME.so path");
    }

    /** How log lines and errors name this map: the plugin id, or the jar path. */
    public String label() {
        return pluginId != null ? pluginId : jar.toString();
    }
}
