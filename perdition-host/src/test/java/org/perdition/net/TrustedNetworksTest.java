package org.perdition.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedNetworksTest {

    private static boolean trusts(String networks, String address) throws Exception {
        return TrustedNetworks.parse(List.of(networks.split(","))).contains(InetAddress.getByName(address));
    }

    @Test
    void anIpv4CidrCoversItsAddressesOnly() throws Exception {
        assertThat(trusts("10.1.0.0/16", "10.1.255.7")).isTrue();
        assertThat(trusts("10.1.0.0/16", "10.2.0.1")).isFalse();
        assertThat(trusts("192.0.2.0/25", "192.0.2.127")).isTrue();
        assertThat(trusts("192.0.2.0/25", "192.0.2.128")).isFalse();
    }

    @Test
    void aBareAddressIsOneHost() throws Exception {
        assertThat(trusts("192.0.2.7", "192.0.2.7")).isTrue();
        assertThat(trusts("192.0.2.7", "192.0.2.8")).isFalse();
    }

    @Test
    void ipv6WithAndWithoutBracketsAndFamiliesDoNotMix() throws Exception {
        assertThat(trusts("2001:db8::/32", "2001:db8:1::5")).isTrue();
        assertThat(trusts("[2001:db8::]/32", "2001:db9::5")).isFalse();
        assertThat(trusts("::1", "::1")).isTrue();
        assertThat(trusts("0.0.0.0/0", "::1")).isFalse();
    }

    @Test
    void anIpv4MappedAddressFromADualStackListenerIsItsIpv4Address() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 9;
        InetAddress address = InetAddress.getByAddress(mapped);   // Java gives back an Inet4Address here
        assertThat(TrustedNetworks.parse(List.of("10.0.0.0/8")).contains(address)).isTrue();
        assertThat(TrustedNetworks.parse(List.of("::ffff:10.0.0.0/104")).contains(InetAddress.getByName("10.0.0.9")))
                .isTrue();
    }

    @Test
    void namesAndBadPrefixesAreRefusedNamingTheEntry() {
        assertThatThrownBy(() -> TrustedNetworks.parse(List.of("balancer.example.org")))
                .hasMessageContaining("\"balancer.example.org\" is not an IP address or CIDR");
        assertThatThrownBy(() -> TrustedNetworks.parse(List.of("10.0.0.0/33")))
                .hasMessageContaining("\"10.0.0.0/33\" has a prefix length that is not 0 to 32");
        assertThatThrownBy(() -> TrustedNetworks.parse(List.of("10.0.0.0/x")))
                .hasMessageContaining("prefix length");
    }
}
