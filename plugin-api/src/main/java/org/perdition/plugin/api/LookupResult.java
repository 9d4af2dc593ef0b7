package org.perdition.plugin.api;

/** The outcome of a lookup that reached the map: a value, or "no such key". */
public sealed interface LookupResult {

    /** @param value {@code [user<delim>]host[:port]}, IPv6 hosts in brackets */
    record Found(String value) implements LookupResult {
        public Found {
            if (value == null) {
                throw new IllegalArgumentException("value must not be null");
            }
        }
    }

    /** The map was consulted and has no entry for the key (perdition's -2). */
    record NotFound() implements LookupResult {
    }

    static LookupResult found(String value) {
        return new Found(value);
    }

    static LookupResult notFound() {
        return new NotFound();
    }
}
