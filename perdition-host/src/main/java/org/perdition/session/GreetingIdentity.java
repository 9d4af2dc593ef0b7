package org.perdition.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.perdition.config.Settings;

/**
 * The {@code "<host> <checksum>"} that ends every greeting (spec §3.4, §3.3.4).
 *
 * <p>The host is the reverse lookup of the local address (numeric with {@code -n}, the uname
 * node name with {@code -B}). Reverse lookups block, so callers run {@link #suffixFor} off the
 * event loop; results are cached per local address. The checksum is the byte sum of the options
 * that shape a proxy's behaviour, so two proxies with identical options on one host greet alike
 * and loop detection can recognise them; perdition summed its option dumps the same way.
 */
public final class GreetingIdentity {

    private final Settings settings;
    private final String checksum;
    private final Map<InetAddress, String> hostByAddress = new ConcurrentHashMap<>();

    public GreetingIdentity(Settings settings) {
        this.settings = settings;
        this.checksum = String.format("%08x", optionSum(settings));
    }

    /** Cached suffix, or null when the reverse lookup has not been done yet for this address. */
    public String cachedSuffixFor(InetSocketAddress local) {
        if (settings.noBindBanner || local == null || local.getAddress() == null) {
            return uname() + " " + checksum;
        }
        String host = hostByAddress.get(local.getAddress());
        return host == null ? null : host + " " + checksum;
    }

    /** May block on DNS: call from a worker thread. */
    public String suffixFor(InetSocketAddress local) {
        String cached = cachedSuffixFor(local);
        if (cached != null) {
            return cached;
        }
        InetAddress address = local.getAddress();
        String host = settings.noLookup ? address.getHostAddress() : address.getCanonicalHostName();
        hostByAddress.put(address, host);
        return host + " " + checksum;
    }

    static long optionSum(Settings s) {
        String dump = String.join("\u0000", s.protocol.name(), String.valueOf(s.bindAddresses),
                String.valueOf(s.listenPort), String.valueOf(s.outgoingServers), String.valueOf(s.outgoingPort),
                s.mapLibrary, String.valueOf(s.mapLibraryOptions), s.domainDelimiter, s.okLine,
                s.imapCapability, s.popCapability, String.valueOf(s.sslMode), String.valueOf(s.usernameFromDatabase));
        long sum = 0;
        for (byte b : dump.getBytes(StandardCharsets.UTF_8)) {
            sum += b & 0xff;
        }
        return sum & 0xffffffffL;
    }

    private static String uname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "localhost";
        }
    }
}
