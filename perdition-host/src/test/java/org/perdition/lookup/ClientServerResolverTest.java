package org.perdition.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;
import org.perdition.protocol.Credentials;

/** -c with and without --client_server_allow through the resolver (spec §4.1 step 2, bug B23). */
class ClientServerResolverTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 110);

    private CapturedLog log;
    private PopmapResolver resolver;

    @BeforeEach
    void captureLog() {
        log = CapturedLog.start();
    }

    @AfterEach
    void close() {
        if (resolver != null) {
            resolver.close();
        }
        log.stop();
    }

    private Resolution resolve(Settings settings, String user) throws Exception {
        resolver = new PopmapResolver(settings, null, new LookupExecutor());
        return resolver.resolveAsync(new Credentials(null, user, "pw", null), CLIENT, LOCAL).get(10, TimeUnit.SECONDS);
    }

    private static Settings minusC(String... allow) {
        Settings settings = new Settings();
        settings.mapLibrary = "";
        settings.clientServerSpecification = true;
        settings.outgoingServers.add("spare:110");
        settings.clientServerAllow.addAll(java.util.List.of(allow));
        return settings;
    }

    @Test
    void withoutAnAllowListAnyTargetIsTaken() throws Exception {
        assertThat(resolve(minusC(), "alice@203.0.113.9:25").server()).isEqualTo(new BackendAddress("203.0.113.9", 25));
    }

    @Test
    void aTargetOutsideTheListIsRefusedLoggedAndNotReplacedByTheFallback() throws Exception {
        Resolution resolution = resolve(minusC("*.example.org:*"), "alice@203.0.113.9:25");
        assertThat(resolution.found()).isFalse();
        assertThat(resolution.remoteUser()).isEqualTo("alice");
        assertThat(log.lines()).anyMatch(line -> line.equals("ERR refused client server specification "
                + "\"alice@203.0.113.9:25\": 203.0.113.9:25 is not in --client_server_allow"));
    }

    @Test
    void aNamedTargetInsideTheListIsTakenWithoutDns() throws Exception {
        assertThat(resolve(minusC("*.example.invalid:2110"), "alice@imap.example.invalid:2110").server())
                .isEqualTo(new BackendAddress("imap.example.invalid", 2110));
    }

    @Test
    void anAddressPatternChecksTheResolvedAddressesOnTheLookupExecutor() throws Exception {
        // "localhost" resolves (DNS, blocking) to loopback addresses only: covered by the two CIDRs.
        Settings settings = minusC("127.0.0.0/8:*", "[::1/128]:*");
        BackendAddress server = resolve(settings, "alice@localhost:2110").server();
        assertThat(server.toString()).isEqualTo("localhost:2110");
        // the checked addresses travel with the target: the session connects to these only
        assertThat(server.checkedAddresses()).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
        assertThat(resolve(minusC("127.0.0.0/8:*"), "alice@192.0.2.5:2110").found()).isFalse();
    }

    @Test
    void theAddressesTheAllowListCheckedAreTheOnesCarriedNotALaterAnswer() throws Exception {
        int[] asked = {0};
        ClientServerAllowList.ForwardDns rebinding = host -> new InetAddress[] {InetAddress.getByAddress(host,
                new byte[] {(byte) (asked[0]++ == 0 ? 10 : 192), 0, 2, 7})};
        resolver = new PopmapResolver(minusC("10.0.0.0/8:*"), null, new LookupExecutor(),
                LocalDomain.SYSTEM_REVERSE_DNS, rebinding);
        Resolution resolution = resolver.resolveAsync(new Credentials(null, "alice@mail.test:2110", "pw", null),
                CLIENT, LOCAL).get(10, TimeUnit.SECONDS);
        assertThat(resolution.server().checkedAddresses()).extracting(InetAddress::getHostAddress)
                .containsExactly("10.0.2.7");
        assertThat(asked[0]).isEqualTo(1);
    }

    @Test
    void aTargetAllowedByANamePatternIsResolvedWhenConnecting() throws Exception {
        BackendAddress server = resolve(minusC("*.example.invalid:2110", "10.0.0.0/8:*"),
                "alice@imap.example.invalid:2110").server();
        assertThat(server.checkedAddresses()).isEmpty();
    }

    @Test
    void noDelimiterMeansTheOrdinaryFallback() throws Exception {
        assertThat(resolve(minusC("mail.example.org"), "alice").server()).isEqualTo(new BackendAddress("spare", 110));
    }

    @Test
    void anEmptyTargetFallsBackLikePerdition() throws Exception {
        // spec §3.3 step 6: no host from the lookup means -s.
        assertThat(resolve(minusC("mail.example.org"), "alice@").server()).isEqualTo(new BackendAddress("spare", 110));
    }

    @Test
    void startUpWarnsAboutAnUnrestrictedMinusC() throws Exception {
        PopmapResolver.create(minusC()).close();
        assertThat(log.lines()).anyMatch(line -> line.startsWith("WARNING --client_server_specification without "
                + "--client_server_allow: any client can make this proxy connect to any host and port"));
        log.lines().clear();
        PopmapResolver.create(minusC("mail.example.org")).close();
        assertThat(log.lines()).noneMatch(line -> line.contains("open relay"));
    }

    @Test
    void reverseDnsForAddDomainNeverRunsOnTheCallingThread() throws Exception {
        Settings settings = new Settings();
        settings.mapLibrary = "";
        settings.addDomain.add(org.perdition.config.UserState.REMOTE_LOGIN);
        settings.addDomainStripDepth = 0;
        String caller = Thread.currentThread().getName();
        String[] seenOn = new String[1];
        resolver = new PopmapResolver(settings, null, new LookupExecutor(), (InetAddress address) -> {
            seenOn[0] = Thread.currentThread().getName();
            return "localhost";
        });
        Resolution resolution = resolver.resolveAsync(new Credentials(null, "bob", "pw", null), CLIENT, LOCAL)
                .get(10, TimeUnit.SECONDS);
        assertThat(resolution.remoteUser()).isEqualTo("bob@localhost");
        assertThat(seenOn[0]).startsWith("perdition-lookup-").isNotEqualTo(caller);
    }
}
