package org.perdition.session;

/** How one side of a session is protected, as the {@code Auth:} line names it (spec §6.1). */
enum Security {
    /** TLS from the first byte (ssl_listen, ssl_outgoing). */
    SSL("ssl"),
    /** TLS after STLS/STARTTLS. */
    STARTTLS("starttls"),
    PLAINTEXT("plaintext");

    private final String logName;

    Security(String logName) {
        this.logName = logName;
    }

    /** The word in {@code client-secure=} / {@code server-secure=}. */
    String logName() {
        return logName;
    }
}
