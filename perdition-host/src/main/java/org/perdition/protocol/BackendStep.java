package org.perdition.protocol;

/** What a {@link BackendLogin} wants after it saw one back-end line. */
public sealed interface BackendStep {

    /** Write {@code text} to the back-end and wait for the next line. */
    record Send(String text) implements BackendStep {
    }

    /** Nothing to send; wait for the next line. */
    record Wait() implements BackendStep {
    }

    /**
     * The line just consumed was the back-end's go-ahead to STLS/STARTTLS: write {@code text} (usually
     * empty), drop whatever else the back-end already sent in clear (response injection, CVE-2011-0411
     * class), start TLS, then call {@link BackendLogin#onTlsStarted()}.
     */
    record StartTls(String text) implements BackendStep {
    }

    /** Logged in. {@code finalLine} is the back-end's last reply, for {@code -o}. */
    record Succeeded(String finalLine) implements BackendStep {
    }

    /**
     * The login failed. {@code quitCommand} (may be null) is written to the back-end before it
     * is closed; {@code finalLine} is the back-end's reply for {@code -o}, or null.
     */
    record Failed(FailureReason reason, String finalLine, String quitCommand) implements BackendStep {
    }

    BackendStep WAIT = new Wait();
}
