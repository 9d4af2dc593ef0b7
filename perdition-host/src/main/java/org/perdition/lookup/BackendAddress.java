package org.perdition.lookup;

/** A back-end to connect to. {@code host} has no IPv6 brackets. */
public record BackendAddress(String host, int port) {

    /** {@code host:port}, with brackets around IPv6 literals, as log lines show it. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
