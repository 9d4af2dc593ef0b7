package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 4 for bdb, as GdbmPopmapMailTest is for gdbm: a popmap.bdb.db (DB_HASH, spec §5.2) built
 * by Debian's makebdb or by our dist/bin/makebdb routes logins through the running proxy to the
 * private Dovecot, selected with {@code -M bdb} or with Debian's library path. Needs the bdb
 * plugin jar in plugins/ (built before the host); skips where a makebdb is missing.
 */
class BdbPopmapMailTest {

    private static final String DEBIAN_BDB_LIBRARY = "/usr/lib/x86_64-linux-gnu/libperditiondb_bdb.so.0";

    private static DovecotServer dovecot;

    @TempDir
    Path tmp;

    private final List<PerditionProcess> started = new ArrayList<>();

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
        started.forEach(PerditionProcess::close);
    }

    @ParameterizedTest
    @CsvSource({
        "/usr/bin/makebdb, bdb",
        "/usr/bin/makebdb, " + DEBIAN_BDB_LIBRARY,
        "dist/bin/makebdb, bdb",
    })
    void popmapRoutesTheLogin(String makebdb, String mapLibrary) throws Exception {
        Path root = PerditionProcess.checkoutRoot();
        Assumptions.assumeTrue(Files.isReadable(root.resolve("plugins/bdb.jar")), "plugins/bdb.jar not built");
        Path tool = makebdb.startsWith("/") ? Path.of(makebdb) : root.resolve(makebdb);
        Assumptions.assumeTrue(Files.isExecutable(tool), tool + " is not installed");
        Path popmap = Files.writeString(tmp.resolve("popmap"),
                "bob:127.0.0.1:1\nalice:127.0.0.1:" + dovecot.imapPort() + "\n");
        Path db = tmp.resolve("popmap.bdb.db");
        Process make = new ProcessBuilder(tool.toString(), db.toString())
                .redirectInput(popmap.toFile()).redirectErrorStream(true).start();
        String makeOutput = new String(make.getInputStream().readAllBytes());
        assertThat(make.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(make.exitValue()).as("%s output: %s", tool, makeOutput).isZero();

        int port = LineClient.freePort();
        PerditionProcess p = PerditionProcess.start("perdition.imap4", "-f", emptyConfig(), "-M", mapLibrary,
                "-m", db.toString(), "-b", "127.0.0.1:" + port, "-F", "+", "--failure_delay", "0");
        started.add(p);
        p.awaitListening();

        assertThat(imapLogin(port, "alice", "alicepw")).as("stderr:%n%s", p.stderr()).startsWith("a OK");
        // bob's entry points at a closed port: the map, not a default server, picked the backend
        assertThat(imapLogin(port, "bob", "bobpw")).isEqualTo("a NO failed: Could not connect to server");
    }

    private String emptyConfig() throws IOException {
        Path conf = tmp.resolve("empty.conf");
        Files.writeString(conf, "# nothing: options come from the command line\n");
        return conf.toString();
    }

    private static String imapLogin(int port, String user, String password) throws IOException {
        try (LineClient client = LineClient.connect("127.0.0.1", port)) {
            assertThat(client.readLine()).startsWith("* OK ");
            return client.send("a LOGIN " + user + " " + password);
        }
    }
}
