package org.perdition.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.Daemon;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.log.LogSetup;
import org.perdition.lookup.ClientServerAllowList;
import org.perdition.lookup.LocalDomain;
import org.perdition.lookup.LookupExecutor;
import org.perdition.lookup.PopmapResolver;
import org.perdition.protocol.ProtocolModules;

/**
 * {@code -c} with an address pattern of {@code --client_server_allow} through the running proxy:
 * the session connects to the addresses the allow list checked, never to a second DNS answer
 * (DNS rebinding). The client's host name lives in a fake resolver only; the system resolver
 * cannot answer for {@code .invalid} (RFC 6761), so a second lookup could not reach the back-end.
 */
class ClientServerRebindingTest {

    private static final String NAME = "rebind.invalid";

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    /** How often the fake DNS was asked: the first answer is loopback, every later one a TEST-NET address. */
    private final AtomicInteger asked = new AtomicInteger();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private InetAddress[] rebindingDns(String host) throws UnknownHostException {
        if (!host.equals(NAME)) {
            throw new UnknownHostException(host);
        }
        String answer = asked.getAndIncrement() == 0 ? "127.0.0.1" : "192.0.2.66";
        return new InetAddress[] {InetAddress.getByAddress(NAME, InetAddress.getByName(answer).getAddress())};
    }

    private InetSocketAddress proxy(String... allow) throws Exception {
        Settings settings = new Settings();
        settings.programName = "perdition.pop3";
        settings.protocol = Protocol.POP3;
        settings.mapLibrary = "";
        settings.clientServerSpecification = true;
        settings.clientServerAllow.addAll(List.of(allow));
        settings.bindAddresses.add("127.0.0.1:0");
        settings.failureDelayMillis = 0;
        settings.logFacility = dir.resolve("perdition.log").toString();
        LogSetup.configure(settings);
        ClientServerAllowList.ForwardDns dns = this::rebindingDns;
        PopmapResolver resolver = new PopmapResolver(settings, null, new LookupExecutor(),
                LocalDomain.SYSTEM_REVERSE_DNS, dns);
        Daemon daemon = Daemon.start(settings, ProtocolModules.forProtocol(Protocol.POP3), resolver);
        open.add(daemon);
        return daemon.listenAddresses().get(0);
    }

    private PopClient client(InetSocketAddress address) throws Exception {
        PopClient client = new PopClient(address);
        open.add(client);
        return client;
    }

    @Test
    void theSessionConnectsToTheCheckedAddressWithoutAskingDnsAgain() throws Exception {
        FakeBackend backend = new FakeBackend(FakeBackend.pop3Accepting("secret"));
        open.add(backend);
        PopClient c = client(proxy("127.0.0.0/8:*"));
        c.read();
        c.ask("USER bob@" + NAME + ":" + backend.port());
        assertThat(c.ask("PASS secret")).isEqualTo("+OK You are so in");
        assertThat(c.ask("STAT")).isEqualTo("+OK echo STAT");
        assertThat(backend.received()).startsWith("USER bob", "PASS secret");
        assertThat(asked).hasValue(1);
        assertThat(Files.readString(dir.resolve("perdition.log")))
                .contains("server=\"" + NAME + ":" + backend.port() + "\"", "status=\"ok\"");
    }

    @Test
    void aNameOutsideTheCheckedNetworksIsRefusedBeforeAnyConnection() throws Exception {
        asked.set(1);   // from the start the fake DNS answers 192.0.2.66, outside 127.0.0.0/8
        FakeBackend backend = new FakeBackend(FakeBackend.pop3Accepting("secret"));
        open.add(backend);
        PopClient c = client(proxy("127.0.0.0/8:*"));
        c.read();
        c.ask("USER bob@" + NAME + ":" + backend.port());
        assertThat(c.ask("PASS secret")).isEqualTo("-ERR failed: Could not determine server");
        assertThat(backend.received()).isEmpty();
    }
}
