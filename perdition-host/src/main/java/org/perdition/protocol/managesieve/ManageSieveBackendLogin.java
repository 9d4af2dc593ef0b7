package org.perdition.protocol.managesieve;

import java.util.Arrays;
import org.perdition.log.Log;
import org.perdition.protocol.BackendLogin;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.OutgoingTls;

/**
 * Logs in to a ManageSieve back-end (spec §3.6 "Back-end dialogue"): capability lines up to
 * {@code OK}; with tls_outgoing {@code STARTTLS}, {@code OK}, the handshake and the capabilities
 * again (RFC 5804 §2.2); then {@code AUTHENTICATE "PLAIN" "<base64>"}, success iff {@code OK}.
 * Failures send {@code LOGOUT} before the connection is closed, as perdition does.
 *
 * <p>Fixes: perdition's PLAIN test was inverted, so any SASL list counted as PLAIN (bug B16); we
 * look for the word PLAIN. perdition had no loop detection for ManageSieve (spec §3.3.4); our
 * greeting's OK text carries {@code <host> <csum>} like POP3's and IMAP's, so a back-end greeting
 * equal to ours is a negotiation failure here too. Responses are read whole, literals included
 * ({@link SieveResponseReader}); a SASL challenge after our initial response is answered with
 * {@code "*"} (cancel, RFC 5804 §2.1) and the login fails, rather than desynchronising.
 */
final class ManageSieveBackendLogin implements BackendLogin {

    private static final String LOGOUT = "LOGOUT\r\n";

    private enum State { CAPABILITIES, STARTTLS_SENT, TLS_HANDSHAKE, AUTHENTICATE_SENT, CANCELLED, DONE }

    private final String ownGreetingText;
    private final String saslResponse;
    private final OutgoingTls tls;
    private final SieveResponseReader reader = new SieveResponseReader();
    private State state = State.CAPABILITIES;
    private boolean tlsStarted;
    private boolean startTlsOffered;
    private String saslMechanisms;

    /**
     * @param ownGreetingText our greeting's OK text, for loop detection
     * @param saslResponse    base64 of {@code authzid NUL authcid NUL password} ({@link SaslPlainFor})
     */
    ManageSieveBackendLogin(String ownGreetingText, String saslResponse, OutgoingTls tls) {
        this.ownGreetingText = ownGreetingText;
        this.saslResponse = saslResponse;
        this.tls = tls;
    }

    @Override
    public BackendStep onLine(String line) {
        String logical;
        try {
            logical = reader.feed(line);
        } catch (SieveResponseReader.TooLarge e) {
            return desync(line);
        }
        if (logical == null) {
            return BackendStep.WAIT;
        }
        SieveResponse response = SieveResponse.parse(logical);
        return switch (state) {
            case CAPABILITIES -> capability(response);
            case STARTTLS_SENT -> startTlsReply(response);
            case AUTHENTICATE_SENT -> authenticateReply(response);
            case CANCELLED -> cancelledReply(response);
            case TLS_HANDSHAKE, DONE -> desync(line);
        };
    }

    /** One capability line, or the OK that ends them (spec §3.6: the atom must be exactly OK). */
    private BackendStep capability(SieveResponse response) {
        if (response.status() == null) {
            noteCapability(response);
            return BackendStep.WAIT;
        }
        if (!response.status().equals("OK")) {
            return fail(FailureReason.NEGOTIATION, response);
        }
        if (!tlsStarted && ownGreetingText.equals(response.text())) {
            // Connected to ourselves (spec §3.3.4, extended to ManageSieve).
            Log.debug("managesieve back-end: greeting is our own, loop detected");
            return fail(FailureReason.NEGOTIATION, response);
        }
        return capabilitiesKnown();
    }

    private void noteCapability(SieveResponse response) {
        if (response.strings().isEmpty()) {
            return;
        }
        String name = response.strings().get(0);
        String value = response.strings().size() > 1 ? response.strings().get(1) : "";
        if (name.equalsIgnoreCase("STARTTLS")) {
            startTlsOffered = true;
        } else if (name.equalsIgnoreCase("SASL")) {
            saslMechanisms = value;
        }
    }

    private BackendStep capabilitiesKnown() {
        if (tls != OutgoingTls.OFF && !tlsStarted) {
            if (startTlsOffered) {
                state = State.STARTTLS_SENT;
                return new BackendStep.Send("STARTTLS\r\n");
            }
            if (tls == OutgoingTls.REQUIRED) {
                // Never send credentials in clear; perdition's child died here (spec §3.3 step 14).
                return fail(FailureReason.TLS_NOT_PRESENT, null);
            }
        }
        if (!offersPlain()) {
            // No LOGOUT, as perdition (spec §3.3 step 15).
            state = State.DONE;
            return new BackendStep.Failed(FailureReason.SASL_UNAVAILABLE, null, null);
        }
        state = State.AUTHENTICATE_SENT;
        return new BackendStep.Send("AUTHENTICATE \"PLAIN\" " + SieveQuoting.forServer(saslResponse) + "\r\n");
    }

    /** The SASL capability is a space-separated list of mechanism names (RFC 5804 §1.7). */
    private boolean offersPlain() {
        return saslMechanisms != null
                && Arrays.stream(saslMechanisms.split(" ")).anyMatch("PLAIN"::equalsIgnoreCase);
    }

    private BackendStep startTlsReply(SieveResponse response) {
        if (!response.isStatus("OK")) {
            return fail(FailureReason.NEGOTIATION, response);
        }
        state = State.TLS_HANDSHAKE;
        return new BackendStep.StartTls("");
    }

    /** RFC 5804 §2.2: the server re-issues its capabilities after TLS; what came in clear is forgotten. */
    @Override
    public BackendStep onTlsStarted() {
        if (state != State.TLS_HANDSHAKE) {
            throw new IllegalStateException("ManageSieve back-end TLS started without STARTTLS");
        }
        tlsStarted = true;
        startTlsOffered = false;
        saslMechanisms = null;
        state = State.CAPABILITIES;
        return BackendStep.WAIT;
    }

    private BackendStep authenticateReply(SieveResponse response) {
        if (response.status() == null) {
            // A challenge: PLAIN has none after an initial response. Cancel and wait for the NO.
            state = State.CANCELLED;
            return new BackendStep.Send("\"*\"\r\n");
        }
        if (response.isStatus("OK")) {
            state = State.DONE;
            return new BackendStep.Succeeded(response.render());
        }
        if (response.isStatus("NO") || response.isStatus("BYE")) {
            return fail(FailureReason.REAUTHENTICATION, response);
        }
        return desync(response.render());
    }

    private BackendStep cancelledReply(SieveResponse response) {
        if (response.status() == null) {
            return desync("another challenge");
        }
        return fail(FailureReason.REAUTHENTICATION, response);
    }

    private BackendStep fail(FailureReason reason, SieveResponse response) {
        state = State.DONE;
        return new BackendStep.Failed(reason, response == null ? null : response.render(), LOGOUT);
    }

    /** Garbage where a response belongs: perdition died here (spec §3.3.3). */
    private BackendStep desync(String what) {
        Log.debug("managesieve back-end: unexpected input: " + Log.sanitize(what));
        state = State.DONE;
        return new BackendStep.Failed(FailureReason.NEGOTIATION, null, null);
    }
}
