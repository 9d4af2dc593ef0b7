package org.perdition.protocol;

import io.netty.buffer.ByteBuf;

/**
 * One client connection's protocol state before login: greeting, command decoding and the
 * protocol's replies. Created per connection by a {@link ProtocolModule}; driven by the session
 * core on the connection's event loop only, so it needs no locking.
 */
public interface FrontendSession {

    /** The greeting, CRLF included. */
    String greeting();

    /**
     * Decodes at most one command from {@code in}, consuming exactly the bytes it used.
     *
     * @return the event, or null when {@code in} does not yet hold a whole command
     *         (the core calls again when more bytes arrive)
     */
    ClientEvent decode(ByteBuf in);

    /** The reply to a failed login, e.g. {@code -ERR failed: Could not connect to server}. */
    String loginFailed(Credentials credentials, FailureReason reason);

    /** The reply to a successful login when {@code -o} is off: {@code ok_line} in the protocol's shape. */
    String loginSucceeded(Credentials credentials, String okLine);

    /** With {@code -o}: the back-end's final line, adapted to the client (IMAP re-tags it). */
    String relayedBackendReply(Credentials credentials, String backendLine);

    /** The reply to a connection over {@code -L}, written before the connection is closed. */
    String connectionLimitReached();

    /** Tells the session that TLS is now up on the client side (capabilities change). */
    default void clientTlsStarted() {
    }

    /** Starts a back-end login for {@code remoteUser}, for the credentials the client gave. */
    BackendLogin newBackendLogin(Credentials credentials, String remoteUser);
}
