package org.perdition;

/** Start-up cannot go on; the message is one line for stderr, and the exit status is non-zero. */
public final class StartupException extends Exception {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
