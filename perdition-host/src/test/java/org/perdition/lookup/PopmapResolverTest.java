package org.perdition.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;
import org.perdition.protocol.Credentials;

class PopmapResolverTest {

    /** A map held in memory: "broken" is an access error, "hang" blocks until released. */
    static final class MemoryMap implements PopmapLookup {
        final Map<String, String> entries;
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger reloads = new AtomicInteger();

        MemoryMap(Map<String, String> entries) {
            this.entries = entries;
        }

        @Override
        public void init(PluginContext context) {
        }

        @Override
        public LookupResult lookup(LookupRequest request) throws LookupException {
            if (request.key().equals("broken")) {
                throw new LookupException(LookupException.Kind.ACCESS, "cannot open map: Permission denied");
            }
            if (request.key().equals("hang")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return LookupResult.found("late-host");
            }
            String value = entries.get(request.key());
            return value == null ? LookupResult.notFound() : LookupResult.found(value);
        }

        @Override
        public void reload() throws LookupException {
            if (reloads.incrementAndGet() > 1) {
                throw new LookupException(LookupException.Kind.CONFIGURATION, "popmap.re:2: bad");
            }
        }
    }

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 110);

    private final MemoryMap map = new MemoryMap(Map.of(
            "bob", "host1:1110",
            "carol", "dave@host2",
            "v6", "[2001:db8::1]:2110",
            "empty", "",
            "nohost", "erin@",
            "badport", "host3:nosuch"));
    private final Settings settings = new Settings();
    private CapturedLog log;
    private PopmapResolver resolver;

    @BeforeEach
    void setUp() {
        log = CapturedLog.start();
        settings.protocol = Protocol.POP3;
    }

    @AfterEach
    void tearDown() {
        map.release.countDown();
        if (resolver != null) {
            resolver.close();
        }
        log.stop();
    }

    private PopmapResolver resolver(LookupExecutor executor) throws MapLoadException {
        Popmap popmap = Popmap.inProcess("memory", map, Popmap.contextFor(settings));
        resolver = new PopmapResolver(settings, popmap, executor);
        return resolver;
    }

    private Resolution resolve(String user) throws MapLoadException {
        if (resolver == null) {
            resolver(new LookupExecutor());
        }
        return resolver.resolve(new Credentials(null, user, "secret", null), CLIENT, LOCAL);
    }

    @Test
    void mapValueGivesHostAndPort() throws Exception {
        assertThat(resolve("bob")).isEqualTo(new Resolution(new BackendAddress("host1", 1110), "bob", "bob"));
    }

    @Test
    void missingPortIsTheOutgoingPortOrTheProtocolDefault() throws Exception {
        assertThat(resolve("carol").server()).isEqualTo(new BackendAddress("host2", 110));
        settings.outgoingPort = "imaps";
        assertThat(resolve("carol").server()).isEqualTo(new BackendAddress("host2", 993));
        settings.outgoingPort = "2110";
        assertThat(resolve("carol").server()).isEqualTo(new BackendAddress("host2", 2110));
    }

    @Test
    void userPartIsUsedOnlyWithMinusU() throws Exception {
        assertThat(resolve("carol")).isEqualTo(new Resolution(new BackendAddress("host2", 110), "carol", "carol"));
        settings.usernameFromDatabase = true;
        assertThat(resolve("carol")).isEqualTo(new Resolution(new BackendAddress("host2", 110), "dave", "dave"));
    }

    @Test
    void authorisationIdIsTheKeyWhenPresent() throws Exception {
        resolver(new LookupExecutor());
        Resolution resolution = resolver.resolve(new Credentials("bob", "admin", "pw", null), CLIENT, LOCAL);
        // The authzid is looked up and logged in; the Auth line's authentication_id stays the authcid (spec §3.6).
        assertThat(resolution).isEqualTo(new Resolution(new BackendAddress("host1", 1110), "bob", "admin"));
    }

    @Test
    void ipv6LiteralLosesItsBrackets() throws Exception {
        Resolution resolution = resolve("v6");
        assertThat(resolution.server()).isEqualTo(new BackendAddress("2001:db8::1", 2110));
        assertThat(resolution.server().toString()).isEqualTo("[2001:db8::1]:2110");
    }

    @Test
    void nothingFoundAndNoFallbackIsNoServer() throws Exception {
        assertThat(resolve("zed")).isEqualTo(new Resolution(null, "zed", "zed"));
        assertThat(resolve("empty").found()).isFalse();
        assertThat(resolve("nohost").found()).isFalse();
    }

    @Test
    void fallbackServersAreUsedRoundRobin() throws Exception {
        settings.outgoingServers.addAll(java.util.List.of("s1:1", "s2", "[::1]:pop3s"));
        assertThat(resolve("zed").server()).isEqualTo(new BackendAddress("s1", 1));
        assertThat(resolve("empty").server()).isEqualTo(new BackendAddress("s2", 110));
        assertThat(resolve("zed").server()).isEqualTo(new BackendAddress("::1", 995));
        assertThat(resolve("zed").server()).isEqualTo(new BackendAddress("s1", 1));
        assertThat(resolve("bob").server()).isEqualTo(new BackendAddress("host1", 1110));
        assertThat(resolve("zed").server()).isEqualTo(new BackendAddress("s2", 110));
    }

    @Test
    void accessErrorIsLoggedAndFallsThroughToFallback() throws Exception {
        settings.outgoingServers.add("spare");
        assertThat(resolve("broken").server()).isEqualTo(new BackendAddress("spare", 110));
        assertThat(log.lines()).contains("ERR popmap lookup failed (ACCESS): cannot open map: Permission denied");
    }

    @Test
    void unusablePortsAreLoggedAndSkipped() throws Exception {
        settings.outgoingServers.addAll(java.util.List.of("bad:99999", "good:25"));
        assertThat(resolve("badport").server()).isEqualTo(new BackendAddress("good", 25));
        assertThat(log.lines()).anyMatch(line -> line.startsWith("ERR unusable server in popmap value \"host3:nosuch\""));
        assertThat(log.lines()).anyMatch(line -> line.contains("-s entry \"bad:99999\": bad port \"99999\""));
    }

    @Test
    void withoutAMapOnlyFallbackServersCount() {
        settings.outgoingServers.add("proxy-target:1143");
        resolver = new PopmapResolver(settings, null, new LookupExecutor());
        assertThat(resolver.resolve(new Credentials(null, "bob", "pw", null), CLIENT, LOCAL))
                .isEqualTo(new Resolution(new BackendAddress("proxy-target", 1143), "bob", "bob"));
    }

    @Test
    void asyncLookupRunsOnALookupThread() throws Exception {
        resolver(new LookupExecutor());
        Resolution resolution = resolver.resolveAsync(new Credentials(null, "bob", "pw", null), CLIENT, LOCAL)
                .get(10, TimeUnit.SECONDS);
        assertThat(resolution.server()).isEqualTo(new BackendAddress("host1", 1110));
    }

    @Test
    void hungLookupTimesOutAsAnAccessError() throws Exception {
        settings.outgoingServers.add("spare");
        resolver(new LookupExecutor(2, 4, Duration.ofMillis(200)));
        Resolution resolution = resolver.resolveAsync(new Credentials(null, "hang", "pw", null), CLIENT, LOCAL)
                .get(10, TimeUnit.SECONDS);
        assertThat(resolution.server()).isEqualTo(new BackendAddress("spare", 110));
        assertThat(log.lines()).anyMatch(line -> line.startsWith("ERR popmap lookup failed (ACCESS): map library memory"
                + " gave no answer within"));
    }

    @Test
    void fullQueueRefusesTheLookupAsAnAccessError() throws Exception {
        resolver(new LookupExecutor(1, 1, Duration.ofSeconds(60)));
        Credentials hang = new Credentials(null, "hang", "pw", null);
        resolver.resolveAsync(hang, CLIENT, LOCAL);   // runs and blocks
        resolver.resolveAsync(hang, CLIENT, LOCAL);   // waits in the queue
        Resolution refused = resolver.resolveAsync(new Credentials(null, "bob", "pw", null), CLIENT, LOCAL)
                .get(10, TimeUnit.SECONDS);
        assertThat(refused.found()).isFalse();
        assertThat(log.lines()).anyMatch(line -> line.startsWith("ERR popmap lookup failed (ACCESS): too many lookups"));
    }

    @Test
    void reloadReachesTheMapAndAFailedReloadIsLogged() throws Exception {
        resolver(new LookupExecutor());
        resolver.reload();
        resolver.reload();
        assertThat(map.reloads.get()).isEqualTo(2);
        assertThat(log.lines()).contains("ERR popmap reload failed (CONFIGURATION): popmap.re:2: bad");
        assertThat(resolve("bob").found()).isTrue();
    }

    @Test
    void lookupRequestCarriesTheAddresses() throws Exception {
        InetSocketAddress[] seen = new InetSocketAddress[2];
        PopmapLookup recording = new PopmapLookup() {
            @Override
            public void init(PluginContext context) {
            }

            @Override
            public LookupResult lookup(LookupRequest request) {
                seen[0] = request.clientAddress();
                seen[1] = request.localAddress();
                return LookupResult.found("h");
            }
        };
        resolver = new PopmapResolver(settings, Popmap.inProcess("rec", recording, Popmap.contextFor(settings)),
                new LookupExecutor());
        resolver.resolve(new Credentials(null, "x", "pw", null), CLIENT, LOCAL);
        assertThat(seen).containsExactly(CLIENT, LOCAL);
        assertThat(Optional.ofNullable(seen[0])).isPresent();
    }
}
