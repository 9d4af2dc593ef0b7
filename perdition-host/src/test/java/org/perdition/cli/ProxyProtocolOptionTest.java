package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;

/** Ours: --proxy_protocol (an L4 balancer's PROXY header), on the command line and in the config file. */
class ProxyProtocolOptionTest extends LoaderFixture {

    @Test
    void offByDefault() throws Exception {
        assertThat(load().proxyProtocolFrom).isEmpty();
    }

    @Test
    void commaListsAccumulateFromRepeatedOptions() throws Exception {
        Settings s = load("--proxy_protocol", "10.0.0.0/8,192.0.2.7", "--proxy_protocol", "[2001:db8::]/32");
        assertThat(s.proxyProtocolFrom).containsExactly("10.0.0.0/8", "192.0.2.7", "[2001:db8::]/32");
    }

    @Test
    void fromTheConfigFile() throws Exception {
        writeConfig("perdition.conf", "proxy_protocol 127.0.0.1\n");
        assertThat(load().proxyProtocolFrom).containsExactly("127.0.0.1");
    }

    @Test
    void aHostNameIsAStartUpErrorNamingTheOption() {
        assertThatThrownBy(() -> load("--proxy_protocol", "haproxy.example.org"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("perdition: --proxy_protocol: invalid value 'haproxy.example.org'")
                .hasMessageContaining("is not an IP address or CIDR");
    }
}
