package org.perdition.plugin.nis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;
import org.perdition.plugin.testkit.PopmapLookupContract;

/**
 * The lookup contract against a private ypserv (test-servers.md §4 recipe A). Entries are a map
 * built by makedbm; reload rebuilds it and SIGHUPs ypserv so that it reopens the map. Down is a
 * stopped ypserv restarted on the same port, slow a ypserv frozen with SIGSTOP: its UDP socket
 * queues the calls, none is answered, and the client's retransmissions run out.
 */
class NisLookupContractTest extends PopmapLookupContract {

    private static PrivateYpServer ypserv;

    @AfterAll
    static void stopYpserv() {
        if (ypserv != null) {
            ypserv.close();
            ypserv = null;
        }
    }

    @Override
    protected PopmapLookup lookupWith(Map<String, String> entries) throws Exception {
        if (ypserv == null) {
            ypserv = PrivateYpServer.start(entries);
        } else {
            changeEntries(entries);
        }
        // an empty binding directory and no default domain: the option names both, nothing of the host's NIS is read
        Path empty = Files.createTempDirectory("nis-contract");
        empty.toFile().deleteOnExit();
        NisLookup lookup = new NisLookup(empty.resolve("binding"), empty.resolve("domainname"));
        lookup.init(new PluginContext(Optional.of("user_mail_server@" + PrivateYpServer.DOMAIN + "@127.0.0.1:"
                + ypserv.port() + ",timeout=2,attempts=2"), "@", "IMAP4"));
        return lookup;
    }

    @Override
    protected void changeEntries(Map<String, String> entries) throws Exception {
        ypserv.replaceMap(entries);
    }

    @Override
    protected void stopBackend() {
        ypserv.stop();
    }

    @Override
    protected void startBackend() throws Exception {
        ypserv.startProcess();
    }

    @Override
    protected void makeBackendSlow() throws Exception {
        ypserv.signal("STOP");
    }

    @Override
    protected void makeBackendFast() throws Exception {
        ypserv.signal("CONT");
    }
}
