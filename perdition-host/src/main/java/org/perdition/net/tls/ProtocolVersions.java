package org.perdition.net.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.perdition.log.Log;

/**
 * Maps perdition's --ssl_*_{min,max}_proto_version keywords (spec §1.2) to JSSE protocol names.
 *
 * <p>perdition knows sslv3|tlsv1|tlsv1.1|tlsv1.2 (case-insensitive); we add tlsv1.3, which
 * perdition lacks a keyword for. A null max means "the library's highest" (TLS 1.3).
 * SSLv3 is not offered by either engine: as a MINIMUM it is mapped to TLSv1 with a warning
 * (the admin asked for "everything from SSLv3 up", and TLSv1 is the lowest we have); as a
 * MAXIMUM it is refused, because nothing could be negotiated.
 *
 * <p>Note: the JDK engine disables TLSv1 and TLSv1.1 in java.security
 * (jdk.tls.disabledAlgorithms), so with it the effective floor is TLSv1.2 whatever is asked.
 */
public final class ProtocolVersions {

    /** Lowest first. */
    static final List<String> ALL = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private ProtocolVersions() {
    }

    /**
     * The enabled protocols between {@code min} and {@code max} inclusive.
     *
     * @param side "listen" or "outgoing", used to name the option in errors
     */
    public static String[] range(String side, String min, String max) throws TlsConfigException {
        String minOption = "--ssl_" + side + "_min_proto_version";
        String maxOption = "--ssl_" + side + "_max_proto_version";
        int low = min == null ? 0 : index(minOption, min, true);
        int high = max == null ? ALL.size() - 1 : index(maxOption, max, false);
        if (low > high) {
            throw new TlsConfigException(minOption + " " + min + " is above " + maxOption + " " + max, null);
        }
        List<String> result = new ArrayList<>(ALL.subList(low, high + 1));
        return result.toArray(new String[0]);
    }

    private static int index(String option, String keyword, boolean isMin) throws TlsConfigException {
        String k = keyword.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "sslv3":
                if (!isMin) {
                    throw new TlsConfigException(option + ": SSLv3 is not available in this build", null);
                }
                Log.warning("Warning: " + option + " sslv3: SSLv3 is not available, using tlsv1");
                return 0;
            case "tlsv1":
                return 0;
            case "tlsv1.1":
                return 1;
            case "tlsv1.2":
                return 2;
            case "tlsv1.3":
                return 3;
            default:
                throw new TlsConfigException(option + ": unknown protocol version \"" + keyword
                        + "\" (expected sslv3, tlsv1, tlsv1.1, tlsv1.2 or tlsv1.3)", null);
        }
    }
}
