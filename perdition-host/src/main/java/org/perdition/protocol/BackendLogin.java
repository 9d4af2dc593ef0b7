package org.perdition.protocol;

/**
 * Logs in to one back-end connection: a small state machine fed with the back-end's lines
 * (CRLF stripped), starting with its greeting. One instance per connection attempt.
 */
public interface BackendLogin {

    /** Text to write as soon as the connection is up, or null to wait for the greeting first. */
    default String onConnect() {
        return null;
    }

    BackendStep onLine(String line);

    /**
     * TLS is up after a {@link BackendStep.StartTls}: the next step (capabilities again, or the
     * login). A login that never asks for STARTTLS is never called here.
     */
    default BackendStep onTlsStarted() {
        return new BackendStep.Failed(FailureReason.NEGOTIATION, null, null);
    }
}
