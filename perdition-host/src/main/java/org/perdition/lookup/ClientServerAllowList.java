package org.perdition.lookup;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Ours: {@code --client_server_allow}, the back-ends a {@code -c} client may name. perdition let
 * any client make the proxy connect to any host and port (bug B23: an open relay / SSRF).
 *
 * <p>Patterns (comma separated): a host name ({@code mail.example.org}, any case), a suffix
 * ({@code *.example.org}: every name ending in {@code .example.org}), an IPv4 address or CIDR
 * ({@code 192.0.2.7}, {@code 10.0.0.0/8}), an IPv6 address or CIDR ({@code [2001:db8::/32]}, or
 * without brackets when no port follows). Each may end in {@code :port} (number or service name)
 * or {@code :*} (any port); without it only the default outgoing port ({@code -p} or the
 * protocol's) is allowed.
 *
 * <p>Which check applies: a NAME pattern vouches for the name the client wrote (whoever runs
 * that DNS zone is trusted; no lookup is needed). An ADDRESS pattern vouches for addresses: a
 * target passes through them only when EVERY address its name resolves to is covered (so a name
 * that resolves partly outside the allowed networks is refused). An IP literal from the client
 * matches address patterns only. When an address pattern let a target through, {@link #check}
 * returns the addresses it checked and the session connects to exactly those (no second DNS
 * lookup), so a DNS answer that changes between the check and the connect (rebinding) cannot
 * send the proxy elsewhere. A target let through by a name pattern is resolved when connecting,
 * as any back-end name is: that zone is trusted.
 */
public final class ClientServerAllowList {

    /** Port of a pattern: any, the default outgoing port, or one number. */
    private static final int ANY_PORT = -1;
    private static final int DEFAULT_PORT = 0;

    private record Pattern(String name, boolean suffix, byte[] network, int prefix, int port) {
        boolean portAllowed(int port, int defaultPort) {
            return this.port == ANY_PORT || port == (this.port == DEFAULT_PORT ? defaultPort : this.port);
        }

        boolean covers(byte[] address) {
            if (network == null || address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Pattern> patterns;

    private ClientServerAllowList(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /**
     * @throws IllegalArgumentException naming the bad pattern
     */
    public static ClientServerAllowList parse(List<String> entries) {
        List<Pattern> patterns = new ArrayList<>();
        for (String entry : entries) {
            patterns.add(pattern(entry));
        }
        return new ClientServerAllowList(List.copyOf(patterns));
    }

    /** True when some pattern is an address pattern (a DNS lookup of a client's name may be needed). */
    public boolean hasAddressPatterns() {
        return patterns.stream().anyMatch(p -> p.network() != null);
    }

    /** The name check alone (no DNS): a name pattern allows this host and port. */
    public boolean allowsName(String host, int port, int defaultPort) {
        if (NetUtil.createByteArrayFromIpAddressString(host) != null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(p -> p.name() != null && p.portAllowed(port, defaultPort)
                && (p.suffix() ? name.endsWith(p.name()) && name.length() > p.name().length() : name.equals(p.name())));
    }

    /** The address check: every address is covered by an address pattern that allows the port. */
    public boolean allowsAddresses(List<InetAddress> addresses, int port, int defaultPort) {
        return !addresses.isEmpty() && addresses.stream().allMatch(address -> patterns.stream().anyMatch(
                p -> p.network() != null && p.portAllowed(port, defaultPort) && p.covers(address.getAddress())));
    }

    /** Forward DNS for the address check (the system resolver, or a fake in tests). */
    @FunctionalInterface
    public interface ForwardDns {
        ForwardDns SYSTEM = InetAddress::getAllByName;

        /** All addresses of {@code host}; blocks. */
        InetAddress[] addressesOf(String host) throws UnknownHostException;
    }

    /**
     * The whole check: names first, then (blocking DNS; lookup executor only) the addresses.
     *
     * @return empty when refused; an empty list when a name pattern allows the target (connect
     *         resolves the name then); otherwise the checked addresses, the only ones the session
     *         may connect to (DNS rebinding)
     */
    public Optional<List<InetAddress>> check(String host, int port, int defaultPort, ForwardDns dns) {
        if (allowsName(host, port, defaultPort)) {
            return Optional.of(List.of());
        }
        if (!hasAddressPatterns()) {
            return Optional.empty();
        }
        List<InetAddress> addresses;
        try {
            addresses = List.of(dns.addressesOf(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return allowsAddresses(addresses, port, defaultPort) ? Optional.of(addresses) : Optional.empty();
    }

    /** {@link #check} with the system resolver, as a yes or no. */
    public boolean allows(String host, int port, int defaultPort) {
        return check(host, port, defaultPort, ForwardDns.SYSTEM).isPresent();
    }

    private static Pattern pattern(String entry) {
        String hostPart = entry;
        String portPart = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw bad(entry, "no closing ]");
            }
            hostPart = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(entry, "text after ]");
                }
                portPart = rest.substring(1);
            }
        } else if (entry.indexOf(':') == entry.lastIndexOf(':') && entry.indexOf(':') >= 0) {
            hostPart = entry.substring(0, entry.indexOf(':'));
            portPart = entry.substring(entry.indexOf(':') + 1);
        }
        int port = port(entry, portPart);
        if (hostPart.isEmpty()) {
            throw bad(entry, "no host");
        }
        int slash = hostPart.indexOf('/');
        String addressText = slash < 0 ? hostPart : hostPart.substring(0, slash);
        byte[] network = NetUtil.createByteArrayFromIpAddressString(addressText);
        if (network != null) {
            int prefix = network.length * 8;
            if (slash >= 0) {
                String bits = hostPart.substring(slash + 1);
                if (!bits.matches("[0-9]{1,3}") || Integer.parseInt(bits) > network.length * 8) {
                    throw bad(entry, "bad prefix length");
                }
                prefix = Integer.parseInt(bits);
            }
            return new Pattern(null, false, network, prefix, port);
        }
        boolean suffix = hostPart.startsWith("*.");
        String name = (suffix ? hostPart.substring(1) : hostPart).toLowerCase(Locale.ROOT);
        if (!name.matches("\\.?[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?") || name.contains("..")) {
            throw bad(entry, "not a host name, *.suffix, address or CIDR");
        }
        return new Pattern(name, suffix, null, 0, port);
    }

    private static int port(String entry, String text) {
        if (text == null) {
            return DEFAULT_PORT;
        }
        if (text.equals("*")) {
            return ANY_PORT;
        }
        OptionalInt port = ServicePorts.parse(text);
        if (port.isEmpty()) {
            throw bad(entry, "bad port");
        }
        return port.getAsInt();
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException("\"" + entry + "\": " + why);
    }
}
