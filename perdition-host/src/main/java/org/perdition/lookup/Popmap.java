package org.perdition.lookup;

import java.nio.file.Path;
import java.util.Optional;
import org.perdition.config.Settings;
import org.perdition.log.Log;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;

/**
 * The popmap in use: the {@code -M} plugin, initialised with {@code -m}, {@code -D} and the
 * protocol (perdition's {@code dbserver_init}), plus reload on SIGHUP and close at shutdown.
 * Thread-safe as far as the plugin is (the API asks plugins to allow concurrent lookups).
 */
public final class Popmap implements AutoCloseable {

    /** The plugin id perdition's default {@code -M} (libperditiondb_gdbm.so.0) maps to. */
    static final String DEFAULT_PLUGIN_ID = "gdbm";

    private final String label;
    private final PopmapLookup lookup;
    private final ClassLoader classLoader;
    private final PluginHost host;
    private final PluginContext context;

    private Popmap(String label, PopmapLookup lookup, ClassLoader classLoader, PluginHost host,
            PluginContext context) {
        this.label = label;
        this.lookup = lookup;
        this.classLoader = classLoader;
        this.host = host;
        this.context = context;
    }

    /**
     * Opens the map that the settings name, from {@code settings.pluginDirectory}
     * (or {@code ./plugins} when unset).
     *
     * @return empty for {@code -M ""}, and when the default gdbm map was not asked for explicitly
     *         and is not installed (logged as a warning)
     */
    public static Optional<Popmap> open(Settings settings) throws MapLoadException {
        Optional<MapLibraryName> name = MapLibraryName.parse(settings.mapLibrary);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Path directory = settings.pluginDirectory != null ? settings.pluginDirectory : Path.of("plugins");
        PluginHost host = new PluginHost(directory);
        try {
            Optional<Popmap> popmap = open(name.get(), settings, host);
            if (popmap.isEmpty()) {
                host.close();
            }
            return popmap;
        } catch (MapLoadException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    private static Optional<Popmap> open(MapLibraryName name, Settings settings, PluginHost host)
            throws MapLoadException {
        Path jar = name.jar();
        if (jar == null) {
            Optional<Path> found = host.findJar(name.pluginId());
            if (found.isEmpty()) {
                boolean explicit = settings.explicitOptions.contains("map_library");
                if (!explicit && DEFAULT_PLUGIN_ID.equals(name.pluginId())) {
                    Log.warning("map library gdbm is not installed; running without a popmap "
                            + "(the gdbm plugin comes with a later release)");
                    return Optional.empty();
                }
                throw new MapLoadException("map library " + name.pluginId() + ": plugin not installed (no jar with "
                        + "Plugin-Id " + name.pluginId() + " in " + host.directory() + ")");
            }
            jar = found.get();
        }
        PluginHost.LoadedPlugin plugin = host.loadPopmap(name.label(), jar);
        return Optional.of(initialise(plugin.pluginId(), plugin.lookup(), plugin.classLoader(), host,
                contextFor(settings)));
    }

    /**
     * Wraps and initialises a map that lives in the host's own class path (tests, embedding).
     *
     * @param label how log lines name the map
     */
    public static Popmap inProcess(String label, PopmapLookup lookup, PluginContext context)
            throws MapLoadException {
        return initialise(label, lookup, lookup.getClass().getClassLoader(), null, context);
    }

    /** What perdition passes to {@code dbserver_init}: {@code -m}, plus {@code -D} and the protocol. */
    public static PluginContext contextFor(Settings settings) {
        Optional<String> options = Optional.ofNullable(settings.mapLibraryOptions).filter(s -> !s.isEmpty());
        return new PluginContext(options, settings.domainDelimiter, settings.protocol.name());
    }

    private static Popmap initialise(String label, PopmapLookup lookup, ClassLoader loader, PluginHost host,
            PluginContext context) throws MapLoadException {
        Popmap popmap = new Popmap(label, lookup, loader, host, context);
        try {
            popmap.inPluginLoader(() -> {
                lookup.init(context);
                return null;
            });
        } catch (LookupException e) {
            throw new MapLoadException("map library " + label + ": " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            throw new MapLoadException("map library " + label + ": initialisation failed: " + e, e);
        }
        return popmap;
    }

    public String label() {
        return label;
    }

    /**
     * Looks one key up. A plugin's unchecked exception is turned into {@link LookupException.Kind#OTHER},
     * so every failure reaches the caller the same way (perdition's -3).
     */
    public LookupResult lookup(LookupRequest request) throws LookupException {
        try {
            return inPluginLoader(() -> lookup.lookup(request));
        } catch (RuntimeException | LinkageError e) {
            throw new LookupException(LookupException.Kind.OTHER, "map library " + label + " failed: " + e, e);
        }
    }

    /** SIGHUP (spec §7.4): perdition re-initialises the library; ours re-reads its data. */
    public void reload() throws LookupException {
        Log.info("Reloading map library \"" + label + "\" with options \"" + context.options().orElse("") + "\"");
        try {
            inPluginLoader(() -> {
                lookup.reload();
                return null;
            });
        } catch (RuntimeException | LinkageError e) {
            throw new LookupException(LookupException.Kind.OTHER, "map library " + label + " reload failed: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            inPluginLoader(() -> {
                lookup.close();
                return null;
            });
        } catch (LookupException | RuntimeException e) {
            Log.err("map library " + label + ": close failed: " + e.getMessage());
        } finally {
            if (host != null) {
                host.close();
            }
        }
    }

    private interface PluginCall<T> {
        T call() throws LookupException;
    }

    /** Plugins that use ServiceLoader or JDBC drivers expect their own loader as context loader. */
    private <T> T inPluginLoader(PluginCall<T> call) throws LookupException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
