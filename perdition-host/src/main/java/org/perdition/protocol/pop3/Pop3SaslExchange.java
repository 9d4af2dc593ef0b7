package org.perdition.protocol.pop3;

import org.perdition.protocol.ClientEvent;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.SaslPlain;

/**
 * POP3 AUTH (RFC 5034) with the one mechanism we can relay, PLAIN (RFC 4616). perdition had no
 * AUTH at all (spec §3.4); this is our addition.
 *
 * <p>{@code AUTH} alone lists the mechanisms; {@code AUTH PLAIN} asks for the response with an
 * empty challenge ({@code "+ "}); {@code AUTH PLAIN <initial-response>} carries it at once, with
 * {@code =} standing for an empty one (RFC 5034 §4). A response of {@code *} cancels.
 */
final class Pop3SaslExchange {

    private static final String PLAIN = "PLAIN";

    private boolean awaitingResponse;

    /** True after {@code AUTH PLAIN} without an initial response: the next line is the response. */
    boolean awaitingResponse() {
        return awaitingResponse;
    }

    ClientEvent authenticate(Pop3CommandLine command) {
        var arguments = command.arguments();
        if (arguments.isEmpty()) {
            return new ClientEvent.Reply(Pop3Replies.AUTH_MECHANISMS);
        }
        if (arguments.size() > 2 || arguments.stream().anyMatch(String::isEmpty)) {
            return new ClientEvent.DelayedReply(Pop3Replies.TRY_AUTH);
        }
        // SASL mechanism names are case-insensitive on the wire (RFC 5034 §4 "AUTH mechanism").
        if (!arguments.get(0).equalsIgnoreCase(PLAIN)) {
            return new ClientEvent.DelayedReply(Pop3Replies.AUTH_UNSUPPORTED);
        }
        if (arguments.size() == 1) {
            awaitingResponse = true;
            return new ClientEvent.Reply(Pop3Replies.AUTH_CONTINUE);
        }
        String initial = arguments.get(1);
        return decode(initial.equals("=") ? "" : initial);
    }

    /** The client's line after our {@code "+ "}. */
    ClientEvent response(String line) {
        awaitingResponse = false;
        String response = line.indexOf('\r') < 0 ? line : line.replace("\r", "");
        if (response.equals("*")) {
            return new ClientEvent.Reply(Pop3Replies.AUTH_CANCELLED);
        }
        return decode(response);
    }

    private static ClientEvent decode(String base64) {
        SaslPlain.Decoded decoded = SaslPlain.decode(base64);
        if (decoded instanceof SaslPlain.Valid valid) {
            if (hasLineBreak(valid.authorisationId()) || hasLineBreak(valid.authenticationId())
                    || hasLineBreak(valid.password())) {
                // Base64 can smuggle CR/LF; sent on in USER/PASS they would inject back-end commands.
                return new ClientEvent.DelayedReply(Pop3Replies.saslInvalid("Line break in challenge"));
            }
            return new ClientEvent.Login(new Credentials(
                    valid.authorisationId(), valid.authenticationId(), valid.password(), null));
        }
        return new ClientEvent.DelayedReply(Pop3Replies.saslInvalid(((SaslPlain.Invalid) decoded).reason()));
    }

    private static boolean hasLineBreak(String text) {
        return text != null && (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0);
    }
}
