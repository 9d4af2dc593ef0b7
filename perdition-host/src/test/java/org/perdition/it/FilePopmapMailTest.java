package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 4's "done when": a popmap built by Debian's makegdbm/makebdb, or by our dist/bin tools,
 * routes logins through the running proxy, selected with {@code -M gdbm}/{@code -M bdb} or with
 * Debian's library path. Needs the plugin jars in plugins/ (their modules build before the host).
 */
class FilePopmapMailTest {

    private static final String LIBRARY_DIR = "/usr/lib/x86_64-linux-gnu/";

    private static DovecotServer dovecot;

    @TempDir
    Path tmp;

    private PopmapRouting.Proxy proxy;

    @BeforeAll
    static void startDovecot() throws Exception {
        dovecot = DovecotServer.start();
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @AfterEach
    void stopPerdition() {
        if (proxy != null) {
            proxy.process().close();
        }
    }

    @ParameterizedTest(name = "{0} with -M {1}")
    @CsvSource({
        "/usr/bin/makegdbm, gdbm, gdbm",
        "/usr/bin/makegdbm, " + LIBRARY_DIR + "libperditiondb_gdbm.so.0, gdbm",
        "dist/bin/makegdbm, gdbm, gdbm",
        "/usr/bin/makebdb, bdb, bdb",
        "/usr/bin/makebdb, " + LIBRARY_DIR + "libperditiondb_bdb.so.0, bdb",
        "dist/bin/makebdb, bdb, bdb",
    })
    void popmapRoutesTheLogin(String makeTool, String mapLibrary, String plugin) throws Exception {
        Path root = PerditionProcess.checkoutRoot();
        Assumptions.assumeTrue(Files.isReadable(root.resolve("plugins/" + plugin + ".jar")),
                "plugins/" + plugin + ".jar not built");
        Path tool = makeTool.startsWith("/") ? Path.of(makeTool) : root.resolve(makeTool);
        Assumptions.assumeTrue(Files.isExecutable(tool), tool + " is not installed");
        Path popmap = Files.writeString(tmp.resolve("popmap"),
                "bob:127.0.0.1:1\nalice:127.0.0.1:" + dovecot.imapPort() + "\n");
        Path db = tmp.resolve("popmap." + plugin + ".db");
        Process make = new ProcessBuilder(tool.toString(), db.toString())
                .redirectInput(popmap.toFile()).redirectErrorStream(true).start();
        String makeOutput = new String(make.getInputStream().readAllBytes());
        assertThat(make.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(make.exitValue()).as("%s output: %s", tool, makeOutput).isZero();

        proxy = PopmapRouting.start(tmp, mapLibrary, db.toString());
        PopmapRouting.assertAliceReachesDovecotAndBobTheClosedPort(proxy);
    }
}
