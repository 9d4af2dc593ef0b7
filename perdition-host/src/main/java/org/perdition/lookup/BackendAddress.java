package org.perdition.lookup;

import java.net.InetAddress;
import java.util.List;

/**
 * A back-end to connect to. {@code host} has no IPv6 brackets.
 *
 * @param checkedAddresses empty: resolve {@code host} when connecting. Otherwise the addresses
 *        that {@code --client_server_allow} checked for a {@code -c} target: the session connects
 *        to these only, with no second DNS lookup, so an answer that changes after the check (DNS
 *        rebinding) cannot move the connection elsewhere. {@code host} still names the server
 *        for TLS (SNI, certificate check) and the logs.
 */
public record BackendAddress(String host, int port, List<InetAddress> checkedAddresses) {

    public BackendAddress {
        checkedAddresses = List.copyOf(checkedAddresses);
    }

    /** A back-end whose host is resolved when connecting. */
    public BackendAddress(String host, int port) {
        this(host, port, List.of());
    }

    /** The same back-end, to be reached at {@code addresses} only (empty: resolve when connecting). */
    public BackendAddress pinnedTo(List<InetAddress> addresses) {
        return new BackendAddress(host, port, addresses);
    }

    /** {@code host:port}, with brackets around IPv6 literals, as log lines show it. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
