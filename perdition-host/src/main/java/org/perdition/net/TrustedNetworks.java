package org.perdition.net;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Ours: the networks of {@code --proxy_protocol}, the L4 balancers trusted to say who the client
 * is. A PROXY header from anyone else would let a client forge its own address (in the logs, in
 * {@code --connection_limit}), so connections from outside these networks are closed unread, as
 * Dovecot does for {@code haproxy_trusted_networks}.
 *
 * <p>Entries, comma separated: an IPv4 or IPv6 address, or a CIDR ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}, IPv6 optionally in brackets: {@code [2001:db8::]/32}).
 */
public final class TrustedNetworks {

    private record Network(byte[] prefixBytes, int prefixLength) {
        boolean covers(byte[] address) {
            if (address.length != prefixBytes.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefixBytes[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (address[full] & mask) == (prefixBytes[full] & mask);
        }
    }

    private final List<Network> networks;

    private TrustedNetworks(List<Network> networks) {
        this.networks = networks;
    }

    /** @throws IllegalArgumentException naming the entry that is not an address or CIDR */
    public static TrustedNetworks parse(List<String> entries) {
        List<Network> networks = new ArrayList<>();
        for (String entry : entries) {
            networks.add(network(entry.trim()));
        }
        return new TrustedNetworks(List.copyOf(networks));
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = unmapped(address.getAddress());
        for (Network network : networks) {
            if (network.covers(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static Network network(String entry) {
        int slash = entry.lastIndexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            throw new IllegalArgumentException("\"" + entry + "\" is not an IP address or CIDR");
        }
        int maxLength = bytes.length * 8;
        int length = slash < 0 ? maxLength : prefixLength(entry, entry.substring(slash + 1), maxLength);
        byte[] ipv4 = unmapped(bytes);
        if (ipv4 != bytes) {
            // ::ffff:a.b.c.d/N is the IPv4 network a.b.c.d/(N-96): clients are compared unmapped too.
            if (length < 96) {
                throw new IllegalArgumentException("\"" + entry + "\" is an IPv4-mapped network shorter than /96");
            }
            return new Network(ipv4, length - 96);
        }
        return new Network(bytes, length);
    }

    private static int prefixLength(String entry, String digits, int maxLength) {
        if (!digits.matches("[0-9]{1,3}") || Integer.parseInt(digits) > maxLength) {
            throw new IllegalArgumentException("\"" + entry + "\" has a prefix length that is not 0 to " + maxLength);
        }
        return Integer.parseInt(digits);
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d, a dual-stack listener) is its IPv4 address. */
    private static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }
}
