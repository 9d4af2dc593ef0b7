package org.perdition.protocol.pop3;

/**
 * perdition's POP3 wire strings (spec §3.4), typos and "mate"s included, plus the replies of the
 * commands we add (NOOP, AUTH). All complete lines, CRLF included.
 */
final class Pop3Replies {

    static final String NULL_COMMAND = err("Null command, mate");
    static final String TRY_CAPA = err("Mate, try: CAPA");
    static final String TRY_STLS = err("Mate, try: STLS");
    static final String TRY_USER = err("Mate, try: USER <username>");
    static final String TRY_PASS = err("Mate, try: PASS <password>");
    static final String TRY_QUIT = err("Mate, try: QUIT");
    static final String TRY_NOOP = err("Mate, try: NOOP");
    static final String TRY_AUTH = err("Mate, try: AUTH [<mechanism> [<initial-response>]]");
    static final String USER_NOT_SET = err("USER not yet set, mate");
    static final String TLS_ALREADY_ACTIVE = err("TLS already active, mate");
    static final String BEGIN_TLS = ok("Begin TLS negotiation, mate");
    static final String QUIT = ok("QUIT");
    static final String NOOP = ok("NOOP");
    static final String LINE_TOO_LONG = err("Line too long, mate");
    static final String TOO_MANY_CONNECTIONS = err("Too many connections, try again later");
    /** perdition's PAM failure text (spec §3.4), used for {@code -a} failures instead of "failed: …". */
    static final String LOCAL_AUTHENTICATION_FAILED = err("Authentication failure, mate");

    /** RFC 5034 §4: AUTH without a mechanism lists the mechanisms, like a CAPA list. */
    static final String AUTH_MECHANISMS = "+OK\r\nPLAIN\r\n.\r\n";
    /** RFC 5034 §4: an empty server challenge is "+ " followed by nothing. */
    static final String AUTH_CONTINUE = "+ \r\n";
    static final String AUTH_CANCELLED = err("AUTH cancelled");
    static final String AUTH_UNSUPPORTED = err("Unsupported SASL mechanism");

    private Pop3Replies() {
    }

    static String ok(String text) {
        return "+OK " + text + "\r\n";
    }

    static String err(String text) {
        return "-ERR " + text + "\r\n";
    }

    static String greeting(String greetingSuffix) {
        return ok(greetingText(greetingSuffix));
    }

    /** The greeting after "+OK ", also what loop detection compares with (spec §3.3.4). */
    static String greetingText(String greetingSuffix) {
        return "POP3 perditon ready on " + greetingSuffix;
    }

    static String userSet(String user) {
        return ok("USER " + user + " set, mate");
    }

    /**
     * perdition's reply to an unknown command; {@code reason} is "the command " or "the command is
     * too short, " (the latter for every word that is not 4 long, observed). AUTH and NOOP are
     * listed because we support them.
     */
    static String invalidCommand(String reason, boolean offerStls) {
        String stls = offerStls ? "STLS, " : "";
        return err("Mate, " + reason + "must be one of " + stls + "CAPA, AUTH, USER, PASS, NOOP or QUIT");
    }

    /** SaslPlain's refusal in perdition's tone. */
    static String saslInvalid(String reason) {
        return err(reason + ", mate");
    }
}
