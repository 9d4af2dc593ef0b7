package org.perdition.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;

/** Loads real plugin jars, built by the test, through Popmap and PluginHost. */
class PluginHostTest {

    private static final String ECHO = """
            private PluginContext context;
            public void init(PluginContext context) { this.context = context; }
            public LookupResult lookup(LookupRequest request) {
                if (request.key().equals("nobody")) return LookupResult.notFound();
                boolean ownLoader = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                return LookupResult.found(request.key() + context.domainDelimiter() + context.options().orElse("none")
                        + "-" + context.protocol() + (ownLoader ? "" : "-wrong-context-loader"));
            }
            """;

    private static final String FAILING = """
            public void init(PluginContext context) throws LookupException {
                throw new LookupException(LookupException.Kind.ACCESS, "cannot read /nowhere/popmap.re: No such file or directory");
            }
            public LookupResult lookup(LookupRequest request) { return LookupResult.notFound(); }
            """;

    @TempDir
    static Path work;
    static Path plugins;
    static Path outsideJar;

    private CapturedLog log;

    @BeforeAll
    static void buildJars() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        TestPluginJars.build(work, plugins.resolve("echo.jar"), "echo", "test.echo", ECHO, true);
        // not named after its id: found through its manifest
        TestPluginJars.build(work, plugins.resolve("other-name.jar"), "failing", "test.failing", FAILING, true);
        TestPluginJars.build(work, plugins.resolve("noindex.jar"), "noindex", "test.noindex", ECHO, false);
        outsideJar = TestPluginJars.build(work, work.resolve("elsewhere/mine.jar"), "mine", "test.mine", ECHO, true);
    }

    @BeforeEach
    void captureLog() {
        log = CapturedLog.start();
    }

    @AfterEach
    void restoreLog() {
        log.stop();
    }

    private static Settings settings(String mapLibrary, boolean explicit) {
        Settings settings = new Settings();
        settings.pluginDirectory = plugins;
        settings.mapLibrary = mapLibrary;
        settings.mapLibraryOptions = "opts";
        settings.domainDelimiter = "%";
        settings.protocol = Protocol.IMAP4S;
        if (explicit) {
            settings.explicitOptions.add("map_library");
        }
        return settings;
    }

    @Test
    void theBuiltJarCarriesTheExtensionIndexFromPf4jsProcessor() throws Exception {
        try (ZipFile jar = new ZipFile(plugins.resolve("echo.jar").toFile())) {
            assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/extensions.idx")).readAllBytes()))
                    .contains("test.echo.Lookup");
        }
    }

    @Test
    void loadsAPluginByIdAndPassesOptionsDelimiterAndProtocol() throws Exception {
        try (Popmap popmap = Popmap.open(settings("echo", true)).orElseThrow()) {
            assertThat(popmap.label()).isEqualTo("echo");
            assertThat(popmap.lookup(LookupRequest.of("bob"))).isEqualTo(LookupResult.found("bob%opts-IMAP4S"));
            assertThat(popmap.lookup(LookupRequest.of("nobody"))).isEqualTo(LookupResult.notFound());
        }
    }

    @Test
    void perditionLibraryPathLoadsThePluginOfTheSameName() throws Exception {
        Settings settings = settings("/usr/lib/x86_64-linux-gnu/libperditiondb_echo.so.0", true);
        settings.mapLibraryOptions = null;
        try (Popmap popmap = Popmap.open(settings).orElseThrow()) {
            assertThat(popmap.lookup(LookupRequest.of("bob"))).isEqualTo(LookupResult.found("bob%none-IMAP4S"));
        }
    }

    @Test
    void jarPathLoadsThatJar() throws Exception {
        try (Popmap popmap = Popmap.open(settings(outsideJar.toString(), true)).orElseThrow()) {
            assertThat(popmap.label()).isEqualTo("mine");
            assertThat(popmap.lookup(LookupRequest.of("al"))).isEqualTo(LookupResult.found("al%opts-IMAP4S"));
        }
    }

    @Test
    void findsAJarByTheIdInItsManifest() {
        PluginHost host = new PluginHost(plugins);
        assertThat(host.findJar("failing")).contains(plugins.resolve("other-name.jar"));
        assertThat(host.findJar("echo")).contains(plugins.resolve("echo.jar"));
        assertThat(host.findJar("absent")).isEmpty();
    }

    @Test
    void initFailureIsOneLineNamingTheMap() {
        assertThatThrownBy(() -> Popmap.open(settings("failing", true)))
                .isInstanceOf(MapLoadException.class)
                .hasMessage("map library failing: cannot read /nowhere/popmap.re: No such file or directory");
    }

    @Test
    void missingExplicitPluginNamesItAndTheDirectory() {
        assertThatThrownBy(() -> Popmap.open(settings("ldap", true)))
                .isInstanceOf(MapLoadException.class)
                .hasMessageContaining("map library ldap: plugin not installed")
                .hasMessageContaining(plugins.toAbsolutePath().toString());
    }

    @Test
    void missingExplicitGdbmIsAnErrorToo() {
        assertThatThrownBy(() -> Popmap.open(settings(Settings.DEFAULT_MAP_LIBRARY, true)))
                .isInstanceOf(MapLoadException.class)
                .hasMessageContaining("map library gdbm: plugin not installed");
    }

    @Test
    void defaultGdbmThatIsNotInstalledMeansNoMapAndAWarning() throws Exception {
        assertThat(Popmap.open(settings(Settings.DEFAULT_MAP_LIBRARY, false))).isEmpty();
        assertThat(log.lines()).contains("WARNING map library gdbm is not installed; running without a popmap "
                + "(the gdbm plugin comes with a later release)");
    }

    @Test
    void emptyMapLibraryMeansNoMap() throws Exception {
        assertThat(Popmap.open(settings("", true))).isEmpty();
    }

    @Test
    void jarWithoutExtensionIndexIsRejected() {
        assertThatThrownBy(() -> Popmap.open(settings("noindex", true)))
                .isInstanceOf(MapLoadException.class)
                .hasMessageContaining("map library noindex: plugin noindex")
                .hasMessageContaining("has no PopmapLookup extension");
    }

    @Test
    void missingJarPathIsRejected() {
        assertThatThrownBy(() -> Popmap.open(settings(work.resolve("none.jar").toString(), true)))
                .isInstanceOf(MapLoadException.class)
                .hasMessageContaining("no such plugin jar");
    }

    @Test
    void reloadAndCloseReachThePlugin() throws Exception {
        Optional<Popmap> popmap = Popmap.open(settings("echo", true));
        popmap.orElseThrow().reload();
        popmap.orElseThrow().close();
        assertThat(log.lines()).contains("INFO Reloading map library \"echo\" with options \"opts\"");
    }
}
