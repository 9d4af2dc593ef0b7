package org.perdition.plugin.api;

import java.net.InetSocketAddress;

/**
 * One lookup.
 *
 * @param key           the lookup key (user name after the servername_lookup rules, or a query_key expansion)
 * @param clientAddress the client's address (perdition's {@code peername}); may be null when unknown
 * @param localAddress  the address the client connected to (perdition's {@code sockname}); may be null
 */
public record LookupRequest(String key, InetSocketAddress clientAddress, InetSocketAddress localAddress) {
    public LookupRequest {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
    }

    public static LookupRequest of(String key) {
        return new LookupRequest(key, null, null);
    }
}
