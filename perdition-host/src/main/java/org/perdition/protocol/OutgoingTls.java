package org.perdition.protocol;

import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/** What the back-end side of ssl_mode asks of a back-end login (spec §1.4). */
public enum OutgoingTls {
    /** No STLS/STARTTLS: log in straight away. */
    OFF,
    /** tls_outgoing: STLS/STARTTLS if the back-end advertises it, else in clear. */
    IF_OFFERED,
    /** tls_outgoing_force: STLS/STARTTLS or no login at all. */
    REQUIRED;

    public static OutgoingTls of(Settings settings) {
        if (settings.sslMode.contains(SslMode.TLS_OUTGOING_FORCE)) {
            return REQUIRED;
        }
        return settings.sslMode.contains(SslMode.TLS_OUTGOING) ? IF_OFFERED : OFF;
    }
}
