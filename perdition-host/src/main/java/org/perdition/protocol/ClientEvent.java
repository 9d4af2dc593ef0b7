package org.perdition.protocol;

/**
 * What a {@link FrontendSession} made of the client's input: one command's worth.
 * The session core acts on it (write, wait, close, log in); protocol code never touches the channel.
 */
public sealed interface ClientEvent {

    /** Write {@code text} (complete lines, CRLF included) and go on reading. */
    record Reply(String text) implements ClientEvent {
    }

    /**
     * Write {@code text} after the failure delay (perdition's 3 s for syntax errors, spec §3.2),
     * reading nothing meanwhile.
     */
    record DelayedReply(String text) implements ClientEvent {
    }

    /** Write {@code text} and close the connection (QUIT, LOGOUT, input over the limits). */
    record Close(String text) implements ClientEvent {
    }

    /** Write {@code text}, then start TLS on the client side before reading on (STLS, STARTTLS). */
    record StartTls(String text) implements ClientEvent {
    }

    /** The client sent credentials: look up, connect, log in to the back-end. */
    record Login(Credentials credentials) implements ClientEvent {
    }
}
