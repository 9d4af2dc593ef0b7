package org.perdition.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.Daemon;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.log.LogSetup;

/** {@code -s} and {@code -p} through the running proxy (spec §3.3 steps 6 and 7, §4.3). */
class ServerSelectionProxyTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private InetSocketAddress proxy(Consumer<Settings> options) throws Exception {
        Settings settings = new Settings();
        settings.programName = "perdition.pop3";
        settings.protocol = Protocol.POP3;
        settings.mapLibrary = "";
        settings.bindAddresses.add("127.0.0.1:0");
        settings.failureDelayMillis = 0;
        settings.logFacility = dir.resolve("perdition.log").toString();
        options.accept(settings);
        LogSetup.configure(settings);
        Daemon daemon = Daemon.start(settings);
        open.add(daemon);
        return daemon.listenAddresses().get(0);
    }

    private FakeBackend backend(String password) throws Exception {
        FakeBackend backend = new FakeBackend(FakeBackend.pop3Accepting(password));
        open.add(backend);
        return backend;
    }

    private PopClient client(InetSocketAddress address) throws Exception {
        PopClient client = new PopClient(address);
        open.add(client);
        return client;
    }

    @Test
    void aRetryOnTheSameConnectionGoesToTheNextOutgoingServer() throws Exception {
        // Both refuse: two failed logins on one connection, whichever entry comes first.
        FakeBackend first = backend("not-this");
        FakeBackend second = backend("not-this");
        PopClient c = client(proxy(s -> {
            s.outgoingServers.add("127.0.0.1:" + first.port());
            s.outgoingServers.add("127.0.0.1:" + second.port());
        }));
        c.read();
        for (int attempt = 0; attempt < 2; attempt++) {
            c.ask("USER bob");
            assertThat(c.ask("PASS pw")).isEqualTo("-ERR failed: Re-Authentication Failure");
        }
        // one attempt per entry: the retry moved on to the other server (spec §4.3)
        assertThat(first.received()).startsWith("USER bob", "PASS pw");
        assertThat(second.received()).startsWith("USER bob", "PASS pw");
    }

    @Test
    void anOutgoingServerWithoutAPortUsesOutgoingPort() throws Exception {
        FakeBackend backend = backend("secret");
        PopClient c = client(proxy(s -> {
            s.outgoingServers.add("127.0.0.1");
            s.outgoingPort = Integer.toString(backend.port());
        }));
        c.read();
        c.ask("USER bob");
        assertThat(c.ask("PASS secret")).isEqualTo("+OK You are so in");
        assertThat(backend.received()).startsWith("USER bob", "PASS secret");
    }
}
