package org.perdition.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.plugin.nis.PrivateYpServer;

/**
 * Issue 5's "done when" for NIS: a user routed by a map on a real ypserv (test-servers.md §4 recipe A,
 * started by plugin-nis's shared PrivateYpServer) reads mail through the proxy with {@code -M nis}.
 * Needs root and the nis/rpcbind packages, and plugins/nis.jar.
 */
class NisPopmapMailTest {

    private static DovecotServer dovecot;
    private static PrivateYpServer ypserv;

    @TempDir
    Path tmp;

    private PopmapRouting.Proxy proxy;

    @BeforeAll
    static void startServers() throws Exception {
        PrivateYpServer.assumeAvailable();
        dovecot = DovecotServer.start();
        ypserv = PrivateYpServer.start(Map.of("alice", "127.0.0.1:" + dovecot.imapPort(), "bob", "127.0.0.1:1"));
    }

    @AfterAll
    static void stopServers() {
        if (ypserv != null) {
            ypserv.close();
        }
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

    @Test
    void nisMapRoutesTheLogin() throws Exception {
        Path root = PerditionProcess.checkoutRoot();
        Assumptions.assumeTrue(Files.isReadable(root.resolve("plugins/nis.jar")), "plugins/nis.jar not built");
        proxy = PopmapRouting.start(tmp, "nis",
                "user_mail_server@" + PrivateYpServer.DOMAIN + "@127.0.0.1:" + ypserv.port());
        PopmapRouting.assertAliceReachesDovecotAndBobTheClosedPort(proxy);
    }
}
