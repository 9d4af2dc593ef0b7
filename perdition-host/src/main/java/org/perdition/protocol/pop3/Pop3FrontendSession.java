package org.perdition.protocol.pop3;

import io.netty.buffer.ByteBuf;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.protocol.BackendLogin;
import org.perdition.protocol.ClientEvent;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.LineReader;
import org.perdition.protocol.OutgoingTls;
import org.perdition.protocol.RelayedLine;
import org.perdition.protocol.SessionContext;

/**
 * One POP3 client before login (spec §3.4): decodes one command per call and answers with
 * perdition's replies. Every {@code -ERR} of the command loop is delayed, as perdition sleeps
 * before each of them (spec §3.2, {@code pop3_in_err}).
 *
 * <p>Only the bytes of the decoded command are consumed: bytes pipelined behind PASS, AUTH or
 * STLS stay in the buffer for the core to forward or drop (perdition dropped them, bug B15).
 */
final class Pop3FrontendSession implements FrontendSession {

    private final SessionContext context;
    private final Settings settings;
    /** tls_listen: STLS is a command and a capability (tls_listen_force implies it, spec §1.4). */
    private final boolean tlsListen;
    private boolean clientTls;
    /** The USER name given, or null; cleared when credentials are handed over (spec §3.3.2). */
    private String user;
    private final Pop3SaslExchange sasl = new Pop3SaslExchange();

    Pop3FrontendSession(SessionContext context) {
        this.context = context;
        this.settings = context.settings();
        this.tlsListen = settings.sslMode.contains(SslMode.TLS_LISTEN)
                || settings.sslMode.contains(SslMode.TLS_LISTEN_FORCE);
        this.clientTls = context.clientTls();
    }

    @Override
    public String greeting() {
        return Pop3Replies.greeting(context.greetingSuffix());
    }

    @Override
    public ClientEvent decode(ByteBuf in) {
        LineReader.Result result = LineReader.read(in, settings.maxLineLength);
        if (result instanceof LineReader.TooLong) {
            return new ClientEvent.Close(Pop3Replies.LINE_TOO_LONG);
        }
        if (!(result instanceof LineReader.Line line)) {
            return null;
        }
        if (sasl.awaitingResponse()) {
            return resetIfLogin(sasl.response(line.text()));
        }
        return command(Pop3CommandLine.parse(line.text()));
    }

    private ClientEvent command(Pop3CommandLine command) {
        if (command.verb().isEmpty()) {
            return delayed(Pop3Replies.NULL_COMMAND);
        }
        if (command.verb().length() != 4) {
            return delayed(Pop3Replies.invalidCommand("the command is too short, ", offerStls()));
        }
        if (command.is("CAPA")) {
            return command.hasArguments() ? delayed(Pop3Replies.TRY_CAPA)
                    : reply(Pop3Capabilities.reply(settings.popCapability, offerStls()));
        }
        if (tlsListen && command.is("STLS")) {
            return stls(command);
        }
        if (command.is("USER")) {
            return user(command);
        }
        if (command.is("PASS")) {
            return pass(command);
        }
        if (command.is("AUTH")) {
            return resetIfLogin(sasl.authenticate(command));
        }
        if (command.is("NOOP")) {
            // Ours: RFC 1939 allows NOOP only in TRANSACTION state, but clients probe with it.
            return command.hasArguments() ? delayed(Pop3Replies.TRY_NOOP) : reply(Pop3Replies.NOOP);
        }
        if (command.is("QUIT")) {
            return command.hasArguments() ? delayed(Pop3Replies.TRY_QUIT) : new ClientEvent.Close(Pop3Replies.QUIT);
        }
        // STLS without tls_listen lands here too: perdition treats it as unknown (spec §3.4).
        return delayed(Pop3Replies.invalidCommand("the command ", offerStls()));
    }

    private ClientEvent stls(Pop3CommandLine command) {
        if (command.hasArguments()) {
            return delayed(Pop3Replies.TRY_STLS);
        }
        if (clientTls) {
            return delayed(Pop3Replies.TLS_ALREADY_ACTIVE);
        }
        // RFC 2595 §4: nothing learnt in plaintext may carry over into the TLS session.
        user = null;
        return new ClientEvent.StartTls(Pop3Replies.BEGIN_TLS);
    }

    private ClientEvent user(Pop3CommandLine command) {
        if (!command.hasOneNonEmptyArgument()) {
            return delayed(Pop3Replies.TRY_USER);
        }
        // A second USER replaces the first (perdition 2.2, observed; spec §3.4).
        user = command.arguments().get(0);
        return reply(Pop3Replies.userSet(user));
    }

    private ClientEvent pass(Pop3CommandLine command) {
        if (user == null) {
            return delayed(Pop3Replies.USER_NOT_SET);
        }
        if (!command.hasArguments()) {
            return delayed(Pop3Replies.TRY_PASS);
        }
        // The exact rest of the line, spaces kept (spec §3.4).
        return login(new Credentials(null, user, command.rest(), null));
    }

    private ClientEvent resetIfLogin(ClientEvent event) {
        if (event instanceof ClientEvent.Login) {
            user = null;
        }
        return event;
    }

    /** Hands credentials over and starts afresh: after a failure the client needs USER again (spec §3.3.2). */
    private ClientEvent login(Credentials credentials) {
        user = null;
        return new ClientEvent.Login(credentials);
    }

    private boolean offerStls() {
        return tlsListen && !clientTls;
    }

    @Override
    public String loginFailed(Credentials credentials, FailureReason reason) {
        if (reason == FailureReason.LOCAL_AUTHENTICATION) {
            // -a: the client sees perdition's PAM text, the log says "local authentication failure" (spec §3.3 step 9).
            return Pop3Replies.LOCAL_AUTHENTICATION_FAILED;
        }
        return Pop3Replies.err("failed: " + reason.text());
    }

    @Override
    public String loginSucceeded(Credentials credentials, String okLine) {
        return Pop3Replies.ok(okLine);
    }

    /**
     * With {@code -o} the back-end's line goes to the client (spec §3.3.5), made safe by
     * {@link RelayedLine}: one line, no control characters, at most 512 bytes. A refused USER
     * relays the back-end's own refusal (perdition sent uninitialised bytes, bug B2). A back-end
     * that gave no line cannot happen with {@link Pop3BackendLogin} (every Succeeded and Failed
     * after the greeting carries one); should it happen, the client gets perdition's failure text.
     */
    @Override
    public String relayedBackendReply(Credentials credentials, String backendLine) {
        String line = RelayedLine.sanitize(backendLine, RelayedLine.POP3_MAX);
        if (line.isBlank()) {
            return loginFailed(credentials, FailureReason.REAUTHENTICATION);
        }
        return line + "\r\n";
    }

    /** perdition's daemon died here (bug B3); we refuse this one client politely. */
    @Override
    public String connectionLimitReached() {
        return Pop3Replies.TOO_MANY_CONNECTIONS;
    }

    /** STLS done: stop offering it. A failed login does not forget this (perdition did, bug B4). */
    @Override
    public void clientTlsStarted() {
        clientTls = true;
    }

    @Override
    public BackendLogin newBackendLogin(Credentials credentials, String remoteUser) {
        // With a distinct SASL authzid the back-end gets AUTH PLAIN (authzid = remoteUser, authcid as sent).
        return new Pop3BackendLogin(context.greetingSuffix(), remoteUser, credentials.password(), OutgoingTls.of(settings),
                credentials.actsForAnotherUser() ? credentials.user() : null);
    }


    private static ClientEvent reply(String text) {
        return new ClientEvent.Reply(text);
    }

    private static ClientEvent delayed(String text) {
        return new ClientEvent.DelayedReply(text);
    }
}
