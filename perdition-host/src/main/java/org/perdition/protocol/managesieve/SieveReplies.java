package org.perdition.protocol.managesieve;

import org.perdition.protocol.ClientEvent;

/**
 * perdition's ManageSieve reply texts (spec §3.6.3), quoted correctly (spec §3.6.1). Every NO
 * waits for the failure delay, as perdition sleeps before each of them (spec §3.2).
 */
final class SieveReplies {

    static final String UNKNOWN_COMMAND = "Unknown command, mate";
    static final String CAPABILITY_ARGS = "Too many arguments, expected CAPABILITY, mate";
    static final String NOOP_ARGS = "Too many arguments, expected NOOP [String], mate";
    /**
     * perdition answered {@code NOOP atom} with a text copied from AUTHENTICATE ("Invalid
     * AUTHENTICATE PLAIN challenge, mate", spec §3.6.3); ours names NOOP.
     */
    static final String NOOP_INVALID = "Invalid argument, expected NOOP [String], mate";
    static final String LOGOUT_ARGS = "Too many arguments, expected LOGOUT, mate";
    static final String STARTTLS_ARGS = "Too many arguments, expected STARTTLS, mate";
    static final String AUTHENTICATE_ARGS =
            "Incorrect argument count, expected AUTHENTICATE <mechanism> [<challenge>], mate";
    static final String UNKNOWN_MECHANISM = "Unknown SASL mechanism, mate";
    static final String INVALID_CHALLENGE = "Invalid AUTHENTICATE \"PLAIN\" challenge, mate";
    /** Ours: perdition had no SASL continuation, so nothing could be cancelled (RFC 5804 §2.1). */
    static final String AUTHENTICATE_CANCELLED = "AUTHENTICATE cancelled, mate";

    static final String NOOP_OK = "NOOP completed, mate";
    static final String CAPABILITY_OK = "CAPABILITY completed, mate";
    static final String LOGOUT_OK = "LOGOUT completed, mate";
    static final String BEGIN_TLS = "Begin TLS negotiation, mate";
    static final String TLS_DONE = "TLS negotiation completed, mate";

    /** Ours: input over the limits (perdition split long tokens instead, spec §3.1). */
    static final String LINE_TOO_LONG = "BYE " + SieveQuoting.forClient("Line too long, mate") + SieveQuoting.CRLF;
    static final String LITERAL_TOO_LARGE =
            "BYE " + SieveQuoting.forClient("Literal too large, mate") + SieveQuoting.CRLF;

    /** RFC 5804 §2.1: an empty server challenge, the PLAIN go-ahead. */
    static final String EMPTY_CHALLENGE = "\"\"" + SieveQuoting.CRLF;

    private SieveReplies() {
    }

    static String ok(String text) {
        return SieveQuoting.response("OK", text);
    }

    static ClientEvent no(String text) {
        return new ClientEvent.DelayedReply(SieveQuoting.response("NO", text));
    }
}
