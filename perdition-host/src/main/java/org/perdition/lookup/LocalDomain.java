package org.perdition.lookup;

import java.net.InetAddress;
import java.util.function.Function;
import org.perdition.config.Settings;

/**
 * The domain that {@code -A add_domain} appends (spec §1.3, §4.4): {@code -e} when given, else the
 * reverse DNS name of the local address of the connection, reduced by STRIP_DEPTH.
 *
 * <p>The reverse lookup blocks: callers run it on the lookup executor, never on an event loop.
 * perdition queries DNS for every login, even with {@code -n}; so do we (bug B23 notes it as a
 * cost, not a fault). The JDK's reverse lookup checks that the name maps back to the address
 * (spoofed PTR records give the numeric address instead), which perdition's getnameinfo did not.
 */
public final class LocalDomain {

    /** The JDK resolver: the host name of an address, or its numeric form when it has none. */
    public static final Function<InetAddress, String> SYSTEM_REVERSE_DNS = InetAddress::getCanonicalHostName;

    private LocalDomain() {
    }

    /**
     * @param local      the connection's local address, null when unknown (no domain then, unless -e)
     * @param reverseDns the reverse resolver (a fake in unit tests)
     * @return the domain, or null when none is to be added
     */
    public static String of(Settings settings, InetAddress local, Function<InetAddress, String> reverseDns) {
        if (settings.explicitDomain != null) {
            return settings.explicitDomain.isEmpty() ? null : settings.explicitDomain;
        }
        if (local == null) {
            return null;
        }
        return reduce(reverseDns.apply(local), settings.addDomainStripDepth);
    }

    /**
     * STRIP_DEPTH (spec §1.3): drop everything up to and including the next '.', {@code depth}
     * times; null when a '.' is missing before that or nothing is left
     * ({@code mx.au.example.net}, 2 gives {@code example.net}; {@code localhost}, 1 gives null).
     */
    static String reduce(String host, int depth) {
        if (host == null) {
            return null;
        }
        String rest = host;
        for (int i = 0; i < depth; i++) {
            int dot = rest.indexOf('.');
            if (dot < 0) {
                return null;
            }
            rest = rest.substring(dot + 1);
        }
        return rest.isEmpty() ? null : rest;
    }
}
