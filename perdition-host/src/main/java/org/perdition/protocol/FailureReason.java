package org.perdition.protocol;

/** The login failures of spec §6.1, with perdition's exact status texts. */
public enum FailureReason {
    LOGIN_DISABLED("Login Disabled"),
    COULD_NOT_DETERMINE_SERVER("Could not determine server"),
    LOCAL_AUTHENTICATION("local authentication failure"),
    COULD_NOT_CONNECT("Could not connect to server"),
    NEGOTIATION("Connection Negotiation Failure"),
    TLS_NOT_PRESENT("TLS not present"),
    REAUTHENTICATION("Re-Authentication Failure"),
    SASL_UNAVAILABLE("SASL mechanism unavailable"),
    /** Ours: --auth_failure_limit reached for the client's address (issue 9); perdition had no such limit. */
    TOO_MANY_FAILURES("Too many failed logins, try again later");

    private final String text;

    FailureReason(String text) {
        this.text = text;
    }

    /** The text after "failed: " in the client reply and the Auth log line. */
    public String text() {
        return text;
    }
}
