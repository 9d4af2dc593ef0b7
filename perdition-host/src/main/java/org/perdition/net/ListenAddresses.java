package org.perdition.net;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.perdition.config.Settings;
import org.perdition.lookup.ServerAddressParser;
import org.perdition.lookup.ServicePorts;

/**
 * The addresses to listen on: every {@code -b host[:port]} entry (IPv6 in brackets), a missing
 * port meaning {@code -l}; without {@code -b}, {@code 0.0.0.0} only, as perdition (spec §1.1).
 */
public final class ListenAddresses {

    private ListenAddresses() {
    }

    public static List<InetSocketAddress> of(Settings settings) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (settings.bindAddresses.isEmpty()) {
            addresses.add(new InetSocketAddress("0.0.0.0", port(settings.effectiveListenPort())));
            return addresses;
        }
        for (String entry : settings.bindAddresses) {
            var parsed = ServerAddressParser.parse(entry, settings.domainDelimiter);
            String port = parsed.port() != null ? parsed.port() : settings.effectiveListenPort();
            addresses.add(new InetSocketAddress(parsed.host(), port(port)));
        }
        return addresses;
    }

    private static int port(String text) {
        if (text.equals("0")) {
            return 0; // let the system choose: tests and embedders read the result from Daemon.listenAddresses()
        }
        return ServicePorts.parse(text).orElseThrow(
                () -> new IllegalArgumentException("unknown port '" + text + "'"));
    }
}
