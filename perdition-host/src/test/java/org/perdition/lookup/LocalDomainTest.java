package org.perdition.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.perdition.config.Settings;

/** STRIP_DEPTH and the source of the -A domain (spec §1.3). */
class LocalDomainTest {

    @ParameterizedTest(name = "{0} depth {1} -> {2}")
    @CsvSource(nullValues = "NONE", value = {
            "mx.au.example.net, 0, mx.au.example.net",
            "mx.au.example.net, 1, au.example.net",
            "mx.au.example.net, 2, example.net",
            "mx.au.example.net, 3, net",
            "mx.au.example.net, 4, NONE",
            "localhost, 0, localhost",
            "localhost, 1, NONE",
            "127.0.0.1, 1, 0.0.1",        // no PTR record: the numeric address, as getnameinfo (spec §1.3)
            "host., 1, NONE"})            // nothing left
    void stripDepthDropsLeadingLabels(String host, int depth, String expected) {
        assertThat(LocalDomain.reduce(host, depth)).isEqualTo(expected);
    }

    @Test
    void explicitDomainWinsAndAsksNoDns() throws Exception {
        Settings settings = new Settings();
        settings.explicitDomain = "example.org";
        assertThat(LocalDomain.of(settings, InetAddress.getLoopbackAddress(), address -> {
            throw new AssertionError("no DNS with -e");
        })).isEqualTo("example.org");
    }

    @Test
    void reverseDnsNameIsReducedByTheDepth() throws Exception {
        Settings settings = new Settings();
        settings.addDomainStripDepth = 2;
        InetAddress local = InetAddress.getByName("192.0.2.10");
        assertThat(LocalDomain.of(settings, local, address -> "mx.au.example.net")).isEqualTo("example.net");
        assertThat(LocalDomain.of(settings, null, address -> "mx.au.example.net")).isNull();
    }

    @Test
    void systemReverseDnsOfTheLoopbackIsAName() throws Exception {
        // The real resolver, as the proxy uses it; /etc/hosts names 127.0.0.1 on every test machine.
        String name = LocalDomain.SYSTEM_REVERSE_DNS.apply(InetAddress.getByName("127.0.0.1"));
        assertThat(name).isEqualTo(InetAddress.getByName("127.0.0.1").getCanonicalHostName()).isNotEmpty();
    }
}
