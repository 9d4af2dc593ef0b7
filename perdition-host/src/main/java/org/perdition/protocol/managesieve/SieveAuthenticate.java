package org.perdition.protocol.managesieve;

import java.util.List;
import org.perdition.protocol.ClientEvent;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.SaslPlain;

/**
 * {@code AUTHENTICATE "PLAIN" [initial-response]} (RFC 5804 §2.1, RFC 4616), spec §3.6.3.
 *
 * <p>Fixes and additions to perdition: the mechanism may be an atom or a string in any case
 * (perdition refused the atom {@code PLAIN}, although RFC 5804's {@code auth-type} is a string
 * and clients send both); without an initial response we send an empty challenge ({@code ""})
 * and take the client's response as a quoted string or a literal, {@code "*"} cancelling it
 * (perdition had no continuation, spec §3.6.3). perdition ran authzid and authcid through
 * SASLprep and dropped the command silently when that failed (bug B16); we pass the bytes on
 * unchanged and let the back-end judge them.
 */
final class SieveAuthenticate {

    private static final String PLAIN = "PLAIN";

    private boolean awaitingResponse;

    /** True after {@code AUTHENTICATE "PLAIN"} alone: the next command is the client's response. */
    boolean awaitingResponse() {
        return awaitingResponse;
    }

    /** @param args the words after {@code AUTHENTICATE}; null when they were malformed */
    ClientEvent authenticate(List<SieveArg> args) {
        if (args == null || args.isEmpty() || args.size() > 2) {
            return SieveReplies.no(SieveReplies.AUTHENTICATE_ARGS);
        }
        // SASL mechanism names are case-insensitive (RFC 4422 §3.1).
        if (!args.get(0).value().equalsIgnoreCase(PLAIN)) {
            return SieveReplies.no(SieveReplies.UNKNOWN_MECHANISM);
        }
        if (args.size() == 1) {
            awaitingResponse = true;
            return new ClientEvent.Reply(SieveReplies.EMPTY_CHALLENGE);
        }
        SieveArg initial = args.get(1);
        return initial.string() ? decode(initial.value()) : SieveReplies.no(SieveReplies.INVALID_CHALLENGE);
    }

    /** The client's response to our empty challenge: one string (RFC 5804 §2.1). */
    ClientEvent response(List<SieveArg> words) {
        awaitingResponse = false;
        if (words == null || words.size() != 1 || !words.get(0).string()) {
            return SieveReplies.no(SieveReplies.INVALID_CHALLENGE);
        }
        String response = words.get(0).value();
        if (response.equals("*")) {
            return SieveReplies.no(SieveReplies.AUTHENTICATE_CANCELLED);
        }
        return decode(response);
    }

    /** The response was abandoned (input over the limits): a new command comes next. */
    void cancel() {
        awaitingResponse = false;
    }

    /**
     * perdition's decoding texts (spec §3.6 "SASL PLAIN decoding"). The credentials go to the
     * back-end base64-encoded, so CR or LF in them cannot inject commands there.
     */
    private static ClientEvent decode(String base64) {
        SaslPlain.Decoded decoded = SaslPlain.decode(base64);
        if (decoded instanceof SaslPlain.Valid valid) {
            return new ClientEvent.Login(
                    new Credentials(valid.authorisationId(), valid.authenticationId(), valid.password(), null));
        }
        return SieveReplies.no(((SaslPlain.Invalid) decoded).reason() + ", mate");
    }
}
