package org.perdition.lookup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import org.perdition.plugin.api.PopmapLookup;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads popmap plugins: plain jars whose manifest carries the pf4j descriptor ({@code Plugin-Id},
 * {@code Plugin-Class}, ...) and whose extensions are listed in {@code META-INF/extensions.idx}
 * (written by pf4j's annotation processor). Only the one jar that {@code -M} asks for is loaded,
 * so a broken jar for another map cannot stop start-up.
 *
 * <p>pf4j's class loader looks in the plugin jar first; the plugin API and pf4j come from the
 * host, which is why plugins declare both {@code provided}.
 */
public final class PluginHost implements AutoCloseable {

    /** A started plugin and its popmap extension (not yet initialised). */
    public record LoadedPlugin(String pluginId, Path jar, PopmapLookup lookup, ClassLoader classLoader) {
    }

    private final Path directory;
    private final PluginManager manager;

    public PluginHost(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        this.manager = new JarPluginManager(this.directory);
    }

    public Path directory() {
        return directory;
    }

    /**
     * The jar in the plugin directory whose manifest says {@code Plugin-Id: pluginId};
     * {@code <pluginId>.jar} is tried first (that is what the plugin builds install).
     */
    public Optional<Path> findJar(String pluginId) {
        Path conventional = directory.resolve(pluginId + ".jar");
        if (pluginId.equals(pluginIdOf(conventional))) {
            return Optional.of(conventional);
        }
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        jars.sort(null);  // deterministic when two jars claim the same id
        return jars.stream().filter(jar -> pluginId.equals(pluginIdOf(jar))).findFirst();
    }

    /** The {@code Plugin-Id} in a jar's manifest, or null when it has none or is not a readable jar. */
    static String pluginIdOf(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Plugin-Id");
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Loads and starts one plugin jar and creates its {@link PopmapLookup} extension.
     *
     * @param label how errors name the map (the {@code -M} value's plugin id or jar)
     */
    public LoadedPlugin loadPopmap(String label, Path jar) throws MapLoadException {
        String prefix = "map library " + label + ": ";
        if (!Files.isRegularFile(jar)) {
            throw new MapLoadException(prefix + "no such plugin jar " + jar);
        }
        String pluginId;
        try {
            pluginId = manager.loadPlugin(jar.toAbsolutePath());
        } catch (PluginRuntimeException | IllegalArgumentException e) {
            throw new MapLoadException(prefix + "cannot load plugin jar " + jar + ": " + e.getMessage(), e);
        }
        if (pluginId == null) {
            throw new MapLoadException(prefix + "cannot load plugin jar " + jar + " (no pf4j descriptor?)");
        }
        PluginState state;
        try {
            state = manager.startPlugin(pluginId);
        } catch (PluginRuntimeException e) {
            throw new MapLoadException(prefix + "cannot start plugin " + pluginId + ": " + e.getMessage(), e);
        }
        PluginWrapper wrapper = manager.getPlugin(pluginId);
        if (state != PluginState.STARTED) {
            Throwable why = wrapper.getFailedException();
            throw new MapLoadException(prefix + "cannot start plugin " + pluginId
                    + (why != null ? ": " + why : " (state " + state + ")"), why);
        }
        List<PopmapLookup> lookups;
        try {
            lookups = manager.getExtensions(PopmapLookup.class, pluginId);
        } catch (RuntimeException e) {
            throw new MapLoadException(prefix + "cannot create the popmap extension of " + pluginId + ": " + e, e);
        }
        if (lookups.isEmpty()) {
            throw new MapLoadException(prefix + "plugin " + pluginId + " in " + jar
                    + " has no PopmapLookup extension (is META-INF/extensions.idx missing?)");
        }
        return new LoadedPlugin(pluginId, jar, lookups.get(0), wrapper.getPluginClassLoader());
    }

    /** Stops and unloads every plugin (closes their class loaders). */
    @Override
    public void close() {
        // one by one over a copy: pf4j 3.15's stopPlugins() trips over its own list (ConcurrentModificationException)
        for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
            manager.unloadPlugin(plugin.getPluginId());   // stops it first
        }
    }
}
