package org.perdition.protocol.pop3;

import org.perdition.protocol.BackendLogin;
import org.perdition.protocol.OutgoingTls;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.SaslPlain;

/**
 * Logs in to a POP3 back-end (spec §3.4 "Back-end dialogue"): greeting must be {@code +OK} and
 * must not be our own (loop detection, spec §3.3.4), then {@code USER}, then {@code PASS}.
 * Any failure sends {@code QUIT} before the connection is closed, as perdition does.
 *
 * <p>Every Failed after the greeting carries the back-end's line, so {@code -o} always has a real
 * line to relay (perdition sent an unfilled buffer when USER was refused, bug B2).
 */
final class Pop3BackendLogin implements BackendLogin {

    private static final String QUIT = "QUIT\r\n";

    private enum State { GREETING, CAPA_SENT, CAPA_LIST, STLS_SENT, TLS_HANDSHAKE, USER_SENT, PASS_SENT, AUTH_SENT, DONE }

    private final String ownGreetingText;
    private final String remoteUser;
    private final String password;
    private final OutgoingTls tls;
    /** The SASL authcid when the client acts for another user (then AUTH PLAIN, RFC 5034), else null. */
    private final String authenticationId;
    private boolean stlsOffered;
    private State state = State.GREETING;

    /**
     * @param greetingSuffix our own greeting's {@code "<host> <csum>"}, for loop detection
     * @param remoteUser     the name for the back-end (already mangled for remote_login)
     * @param password       the client's password, byte string
     */
    Pop3BackendLogin(String greetingSuffix, String remoteUser, String password) {
        this(greetingSuffix, remoteUser, password, OutgoingTls.OFF);
    }

    Pop3BackendLogin(String greetingSuffix, String remoteUser, String password, OutgoingTls tls) {
        this(greetingSuffix, remoteUser, password, tls, null);
    }

    /**
     * @param authenticationId the client's SASL authcid when its authzid names another user: the
     *                         login is then {@code AUTH PLAIN} with {@code remoteUser} as authzid
     */
    Pop3BackendLogin(String greetingSuffix, String remoteUser, String password, OutgoingTls tls,
            String authenticationId) {
        this.authenticationId = authenticationId;
        this.ownGreetingText = Pop3Replies.greetingText(greetingSuffix);
        this.remoteUser = remoteUser;
        this.password = password;
        this.tls = tls;
    }

    @Override
    public BackendStep onLine(String line) {
        Status status = Status.of(line);
        return switch (state) {
            case GREETING -> onGreeting(line, status);
            case CAPA_SENT -> onCapaStatus(status);
            case CAPA_LIST -> onCapaLine(line);
            case STLS_SENT -> onStlsReply(line, status);
            case TLS_HANDSHAKE -> throw new IllegalStateException("POP3 back-end line during the TLS handshake");
            case USER_SENT -> onUserReply(line, status);
            case PASS_SENT, AUTH_SENT -> onPassReply(line, status);
            case DONE -> throw new IllegalStateException("POP3 back-end login already finished");
        };
    }

    private BackendStep onGreeting(String line, Status status) {
        if (status != Status.OK) {
            return fail(FailureReason.NEGOTIATION, line);
        }
        if (textAfterStatus(line).equals(ownGreetingText)) {
            // We are talking to ourselves (spec §3.3.4; perdition reports negotiation failure, observed).
            return fail(FailureReason.NEGOTIATION, line);
        }
        if (hasLineBreak(remoteUser) || hasLineBreak(password)) {
            // Would inject back-end commands (a -U name or a client password); the front ends refuse
            // such input already, this is the last line of defence. No back-end line to relay.
            state = State.DONE;
            return new BackendStep.Failed(FailureReason.REAUTHENTICATION, null, QUIT);
        }
        if (tls != OutgoingTls.OFF) {
            state = State.CAPA_SENT;
            return new BackendStep.Send("CAPA\r\n");
        }
        return sendUser();
    }

    /** A non-+OK reply to CAPA means "no STLS" (spec §3.4). */
    private BackendStep onCapaStatus(Status status) {
        if (status != Status.OK) {
            return noStls();
        }
        state = State.CAPA_LIST;
        return BackendStep.WAIT;
    }

    /** Capability lines up to "."; a line whose first token is STLS counts (RFC 2595 §4). */
    private BackendStep onCapaLine(String line) {
        if (!line.equals(".")) {
            String first = line.split(" ", 2)[0];
            stlsOffered |= first.equalsIgnoreCase("STLS");
            return BackendStep.WAIT;
        }
        if (!stlsOffered) {
            return noStls();
        }
        state = State.STLS_SENT;
        return new BackendStep.Send("STLS\r\n");
    }

    /** tls_outgoing logs in in clear; tls_outgoing_force never sends credentials in clear (spec §3.3 step 14). */
    private BackendStep noStls() {
        return tls == OutgoingTls.REQUIRED ? fail(FailureReason.TLS_NOT_PRESENT, null) : sendUser();
    }

    /** perdition started TLS whatever the reply was (bug B9); a refusal is a failure here. */
    private BackendStep onStlsReply(String line, Status status) {
        if (status != Status.OK) {
            return fail(FailureReason.NEGOTIATION, line);
        }
        state = State.TLS_HANDSHAKE;
        return new BackendStep.StartTls("");
    }

    /** perdition sends USER straight after the handshake, without a second CAPA. */
    @Override
    public BackendStep onTlsStarted() {
        if (state != State.TLS_HANDSHAKE) {
            throw new IllegalStateException("POP3 back-end TLS started without STLS");
        }
        return sendUser();
    }

    private BackendStep sendUser() {
        if (authenticationId != null) {
            // RFC 5034 with an initial response: USER/PASS cannot say "authcid acting as authzid".
            state = State.AUTH_SENT;
            return new BackendStep.Send("AUTH PLAIN "
                    + SaslPlain.encode(remoteUser, authenticationId, password) + "\r\n");
        }
        state = State.USER_SENT;
        return new BackendStep.Send("USER " + remoteUser + "\r\n");
    }

    private BackendStep onUserReply(String line, Status status) {
        switch (status) {
            case OK:
                state = State.PASS_SENT;
                return new BackendStep.Send("PASS " + password + "\r\n");
            case ERR:
                return fail(FailureReason.REAUTHENTICATION, line);
            default:
                return fail(FailureReason.NEGOTIATION, line);
        }
    }

    private BackendStep onPassReply(String line, Status status) {
        switch (status) {
            case OK:
                state = State.DONE;
                return new BackendStep.Succeeded(line);
            case ERR:
                return fail(FailureReason.REAUTHENTICATION, line);
            default:
                return fail(FailureReason.NEGOTIATION, line);
        }
    }

    private BackendStep fail(FailureReason reason, String line) {
        state = State.DONE;
        return new BackendStep.Failed(reason, line, QUIT);
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    /** perdition re-joins the tokens after the status with single spaces: the text after the first space. */
    private static String textAfterStatus(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? "" : line.substring(space + 1);
    }

    /** The status token of a reply: the first space-separated token (RFC 1939 §3). */
    private enum Status {
        OK, ERR, OTHER;

        static Status of(String line) {
            int space = line.indexOf(' ');
            String token = space < 0 ? line : line.substring(0, space);
            if (token.equals("+OK")) {
                return OK;
            }
            return token.equals("-ERR") ? ERR : OTHER;
        }
    }
}
