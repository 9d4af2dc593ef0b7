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
}
