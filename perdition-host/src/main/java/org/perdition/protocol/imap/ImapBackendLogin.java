package org.perdition.protocol.imap;

import static org.perdition.protocol.imap.ImapFrontendSession.CRLF;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.perdition.log.Log;
import org.perdition.protocol.BackendLogin;
import org.perdition.protocol.OutgoingTls;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.SaslPlain;

/**
 * Logs in to an IMAP back-end (spec §3.5 "Back-end dialogue"), fixing bug B10: capabilities are
 * collected from every untagged CAPABILITY line (and from a greeting's response code), literal
 * continuations are awaited and checked, and untagged lines are never forwarded to the client.
 */
final class ImapBackendLogin implements BackendLogin {

    private enum State {
        GREETING, CAPABILITY, STARTTLS_SENT, TLS_HANDSHAKE, USER_CONTINUATION, PASSWORD_CONTINUATION, SASL_CONTINUATION, LOGIN_RESULT, DONE
    }

    private final BackendTags tags;
    private final String user;
    private final String password;
    private final String ownGreetingText;
    private final List<String> capabilities = new ArrayList<>();
    private final OutgoingTls tls;
    /** The SASL authcid when the client acts for another user (then AUTHENTICATE PLAIN), else null. */
    private final String authenticationId;
    private boolean tlsStarted;
    private State state = State.GREETING;
    private String tag;

    /**
     * @param ownGreetingText our own greeting after "* OK ", for loop detection (spec §3.3.4)
     */
    ImapBackendLogin(BackendTags tags, String user, String password, String ownGreetingText) {
        this(tags, user, password, ownGreetingText, OutgoingTls.OFF);
    }

    ImapBackendLogin(BackendTags tags, String user, String password, String ownGreetingText, OutgoingTls tls) {
        this(tags, user, password, ownGreetingText, tls, null);
    }

    /**
     * @param authenticationId the client's SASL authcid when its authzid names another user: the
     *                         login is then {@code AUTHENTICATE PLAIN} with {@code user} as authzid
     */
    ImapBackendLogin(BackendTags tags, String user, String password, String ownGreetingText, OutgoingTls tls,
            String authenticationId) {
        this.authenticationId = authenticationId;
        this.tls = tls;
        this.tags = tags;
        this.user = user;
        this.password = password;
        this.ownGreetingText = ownGreetingText;
    }

    @Override
    public BackendStep onLine(String line) {
        switch (state) {
            case GREETING:
                return greeting(line);
            case CAPABILITY:
                return capabilityReply(line);
            case STARTTLS_SENT:
                return startTlsReply(line);
            case USER_CONTINUATION:
                return continuation(line, user + " {" + password.length() + "}" + CRLF, State.PASSWORD_CONTINUATION);
            case PASSWORD_CONTINUATION:
                return continuation(line, password + CRLF, State.LOGIN_RESULT);
            case SASL_CONTINUATION:
                return continuation(line, SaslPlain.encode(user, authenticationId, password) + CRLF, State.LOGIN_RESULT);
            case LOGIN_RESULT:
                return loginResult(line);
            default:
                return desync(line);
        }
    }

    /** {@code * OK}, anything else (PREAUTH, BYE, garbage) is a negotiation failure. */
    private BackendStep greeting(String line) {
        String[] words = line.split(" ", 3);
        if (words.length < 2 || !words[0].equals("*") || !words[1].equalsIgnoreCase("OK")) {
            Log.debug("imap back-end: greeting is not \"* OK\": " + Log.sanitize(line));
            return fail(FailureReason.NEGOTIATION, null, logout());
        }
        String text = words.length > 2 ? words[2] : "";
        if (normalise(text).equals(normalise(ownGreetingText))) {
            // Connected to ourselves (spec §3.3.4): perdition reports a negotiation failure.
            Log.debug("imap back-end: greeting is our own, loop detected");
            return fail(FailureReason.NEGOTIATION, null, logout());
        }
        if (text.regionMatches(true, 0, "[CAPABILITY ", 0, 12) && text.indexOf(']') > 0) {
            addCapabilities(text.substring(12, text.indexOf(']')));
            return capabilitiesKnown();
        }
        tag = tags.next();
        state = State.CAPABILITY;
        return new BackendStep.Send(tag + " CAPABILITY" + CRLF);
    }

    /** Untagged lines up to our tagged reply; every {@code * CAPABILITY} line counts (bug B10). */
    private BackendStep capabilityReply(String line) {
        if (line.startsWith("* ")) {
            String[] words = line.split(" ", 3);
            if (words.length > 2 && words[1].equalsIgnoreCase("CAPABILITY")) {
                addCapabilities(words[2]);
            }
            return BackendStep.WAIT;
        }
        String status = taggedStatus(line);
        if (status == null) {
            return desync(line);
        }
        if (!status.equalsIgnoreCase("OK")) {
            return fail(FailureReason.NEGOTIATION, line, logout());
        }
        return capabilitiesKnown();
    }

    private BackendStep capabilitiesKnown() {
        if (tls != OutgoingTls.OFF && !tlsStarted) {
            if (hasCapability("STARTTLS")) {
                tag = tags.next();
                state = State.STARTTLS_SENT;
                return new BackendStep.Send(tag + " STARTTLS" + CRLF);
            }
            if (tls == OutgoingTls.REQUIRED) {
                // Never send credentials in clear; perdition's IMAP text for this (spec §3.3 step 14).
                Log.debug("imap back-end: STARTTLS not offered, tls_outgoing_force");
                return fail(FailureReason.NEGOTIATION, null, logout());
            }
        }
        if (authenticationId != null) {
            return authenticatePlain();
        }
        if (hasCapability("LOGINDISABLED")) {
            // No LOGOUT, as perdition (spec §3.3 step 15).
            return fail(FailureReason.LOGIN_DISABLED, null, null);
        }
        tag = tags.next();
        if (nonSynchronisingLiterals()) {
            state = State.LOGIN_RESULT;
            return new BackendStep.Send(tag + " LOGIN {" + user.length() + "+}" + CRLF
                    + user + " {" + password.length() + "+}" + CRLF + password + CRLF);
        }
        state = State.USER_CONTINUATION;
        return new BackendStep.Send(tag + " LOGIN {" + user.length() + "}" + CRLF);
    }

    /**
     * The client acts for another user: only SASL PLAIN carries authzid and authcid (RFC 4616);
     * LOGINDISABLED does not apply to AUTHENTICATE (RFC 3501 §6.2.3). SASL-IR (RFC 4959) saves a
     * round trip.
     */
    private BackendStep authenticatePlain() {
        if (!hasCapability("AUTH=PLAIN")) {
            Log.debug("imap back-end: AUTH=PLAIN not offered, cannot log in for another user");
            return fail(FailureReason.SASL_UNAVAILABLE, null, logout());
        }
        tag = tags.next();
        if (hasCapability("SASL-IR")) {
            state = State.LOGIN_RESULT;
            return new BackendStep.Send(tag + " AUTHENTICATE PLAIN " + SaslPlain.encode(user, authenticationId, password)
                    + CRLF);
        }
        state = State.SASL_CONTINUATION;
        return new BackendStep.Send(tag + " AUTHENTICATE PLAIN" + CRLF);
    }

    /** perdition ignored the tagged status and started TLS anyway (bug B9): only OK goes on. */
    private BackendStep startTlsReply(String line) {
        if (line.startsWith("* ")) {
            return BackendStep.WAIT;
        }
        String status = taggedStatus(line);
        if (status == null) {
            return desync(line);
        }
        if (!status.equalsIgnoreCase("OK")) {
            return fail(FailureReason.NEGOTIATION, line, logout());
        }
        state = State.TLS_HANDSHAKE;
        return new BackendStep.StartTls("");
    }

    /** RFC 3501 §6.2.1: capabilities learnt in clear are forgotten; ask again over TLS. */
    @Override
    public BackendStep onTlsStarted() {
        if (state != State.TLS_HANDSHAKE) {
            throw new IllegalStateException("IMAP back-end TLS started without STARTTLS");
        }
        tlsStarted = true;
        capabilities.clear();
        tag = tags.next();
        state = State.CAPABILITY;
        return new BackendStep.Send(tag + " CAPABILITY" + CRLF);
    }

    /** RFC 7888: LITERAL+ allows any size, LITERAL- up to 4096 bytes. */
    private boolean nonSynchronisingLiterals() {
        return hasCapability("LITERAL+")
                || (hasCapability("LITERAL-") && user.length() <= 4096 && password.length() <= 4096);
    }

    /** Waits for "+" before sending the next part; a refusal ends the login (bug B10). */
    private BackendStep continuation(String line, String nextPart, State nextState) {
        if (line.startsWith("+")) {
            state = nextState;
            return new BackendStep.Send(nextPart);
        }
        if (line.startsWith("* ")) {
            return BackendStep.WAIT;
        }
        String status = taggedStatus(line);
        if (status != null && (status.equalsIgnoreCase("NO") || status.equalsIgnoreCase("BAD"))) {
            return fail(FailureReason.REAUTHENTICATION, line, logout());
        }
        return desync(line);
    }

    private BackendStep loginResult(String line) {
        if (line.startsWith("* ")) {
            return BackendStep.WAIT;
        }
        String status = taggedStatus(line);
        if (status == null) {
            return desync(line);
        }
        if (status.equalsIgnoreCase("OK")) {
            state = State.DONE;
            return new BackendStep.Succeeded(line);
        }
        if (status.equalsIgnoreCase("NO") || status.equalsIgnoreCase("BAD")) {
            return fail(FailureReason.REAUTHENTICATION, line, logout());
        }
        return desync(line);
    }

    /** The status word of a reply tagged with our current tag, or null for any other line. */
    private String taggedStatus(String line) {
        if (!line.startsWith(tag + " ")) {
            return null;
        }
        String rest = line.substring(tag.length() + 1);
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }

    private BackendStep fail(FailureReason reason, String finalLine, String quitCommand) {
        state = State.DONE;
        return new BackendStep.Failed(reason, finalLine, quitCommand);
    }

    /** Wrong tag or garbage: perdition died here (spec §3.3.3); talking on is pointless. */
    private BackendStep desync(String line) {
        Log.debug("imap back-end: unexpected line: " + Log.sanitize(line));
        return fail(FailureReason.NEGOTIATION, null, null);
    }

    private String logout() {
        return tags.next() + " LOGOUT" + CRLF;
    }

    private void addCapabilities(String list) {
        Arrays.stream(list.split(" ")).filter(item -> !item.isEmpty()).forEach(capabilities::add);
    }

    private boolean hasCapability(String name) {
        return capabilities.stream().anyMatch(name::equalsIgnoreCase);
    }

    /**
     * perdition re-joins the greeting's words with single spaces before comparing: trimmed, runs
     * of spaces made one. By hand, as {@code split(" +")} compiled a regex twice per login (issue 8).
     */
    static String normalise(String text) {
        String trimmed = text.trim();
        if (!trimmed.contains("  ")) {
            return trimmed;
        }
        StringBuilder out = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c != ' ' || trimmed.charAt(i - 1) != ' ') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
