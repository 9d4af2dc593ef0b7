package org.perdition.protocol.imap;

import io.netty.buffer.ByteBuf;
import java.util.Locale;
import java.util.Map;
import org.perdition.config.Settings;
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
 * One IMAP client before login (spec §3.5): greeting, pre-login commands and the login replies.
 * Commands are read by {@link CommandReader}; what each command means is decided here and in
 * {@link PreLoginCommands}. Replies are built by concatenation only, never with format strings
 * (perdition spliced client tags into printf formats, bug B30).
 */
public final class ImapFrontendSession implements FrontendSession {

    static final String CRLF = "\r\n";
    static final String LINE_TOO_LONG = "* BYE Line too long, mate" + CRLF;
    static final String LITERAL_CONTINUATION = "+ OK ready for additional input" + CRLF;

    private final SessionContext context;
    private final Settings settings;
    private final CommandReader reader;
    private final PreLoginCommands commands;
    /** Our tags towards the back-ends, shared by every login attempt of this client (spec §3.3.2). */
    private final BackendTags backendTags = new BackendTags();
    private boolean tlsStarted;

    public ImapFrontendSession(SessionContext context) {
        this.context = context;
        this.settings = context.settings();
        this.reader = new CommandReader(settings.maxLineLength, settings.maxLiteralSize);
        this.commands = new PreLoginCommands(this);
    }

    @Override
    public String greeting() {
        return "* OK " + greetingText() + CRLF;
    }

    /** The greeting after {@code "* OK "}: what a back-end greeting is compared with (spec §3.3.4). */
    String greetingText() {
        return "[CAPABILITY " + capabilities() + "] perdition ready on " + context.greetingSuffix();
    }

    String capabilities() {
        return ImapCapabilities.compute(settings, clientTls());
    }

    boolean clientTls() {
        return context.clientTls() || tlsStarted;
    }

    Settings settings() {
        return settings;
    }

    /** The client's ID parameters (RFC 2971; NIL values are null), empty until it sends ID. */
    public Map<String, String> clientId() {
        return commands.clientId();
    }

    @Override
    public ClientEvent decode(ByteBuf in) {
        if (commands.awaitingSaslResponse()) {
            return saslResponse(in);
        }
        CommandReader.Result result = reader.read(in);
        if (result == null) {
            return null;
        }
        if (result instanceof CommandReader.TooLong) {
            return new ClientEvent.Close(LINE_TOO_LONG);
        }
        if (result instanceof CommandReader.LiteralTooLarge tooLarge) {
            return literalTooLarge(tooLarge);
        }
        if (result instanceof CommandReader.SyncLiteral literal) {
            return syncLiteral(literal);
        }
        CommandReader.Command command = (CommandReader.Command) result;
        return commands.execute(command.tag(), command.name(), command.args());
    }

    private ClientEvent saslResponse(ByteBuf in) {
        LineReader.Result line = LineReader.read(in, settings.maxLineLength);
        if (line instanceof LineReader.Incomplete) {
            return null;
        }
        if (line instanceof LineReader.TooLong) {
            commands.cancelSasl();
            return new ClientEvent.Close(LINE_TOO_LONG);
        }
        return commands.saslResponse(((LineReader.Line) line).text());
    }

    /**
     * A literal over --max_literal_size. A synchronising one is simply refused (the client waits
     * for our "+" and will not send it); the bytes of a non-synchronising one are on their way,
     * and rather than swallow them we hang up (RFC 7888 §4 allows either).
     */
    private static ClientEvent literalTooLarge(CommandReader.LiteralTooLarge tooLarge) {
        String tag = ImapTag.isValid(tooLarge.tag()) ? tooLarge.tag() : "*";
        String reply = tag + " BAD Literal too large, mate" + CRLF;
        if (tooLarge.synchronising()) {
            return new ClientEvent.DelayedReply(reply);
        }
        return new ClientEvent.Close(reply + "* BYE Literal too large, mate" + CRLF);
    }

    /** RFC 3501 §7.5: a command that cannot succeed gets its error instead of the continuation. */
    private ClientEvent syncLiteral(CommandReader.SyncLiteral literal) {
        if (ImapTag.isValid(literal.tag()) && PreLoginCommands.takesLiterals(literal.name())) {
            reader.acceptLiteral();
            return new ClientEvent.Reply(LITERAL_CONTINUATION);
        }
        reader.abandon();
        return commands.syntaxError(literal.tag(), literal.name());
    }

    @Override
    public void clientTlsStarted() {
        tlsStarted = true;
    }

    @Override
    public String loginFailed(Credentials credentials, FailureReason reason) {
        if (reason == FailureReason.LOCAL_AUTHENTICATION) {
            // -a: perdition's PAM text (spec §3.5); the log says "local authentication failure".
            return tagOf(credentials) + " NO Authentication failure" + CRLF;
        }
        return tagOf(credentials) + " NO failed: " + reason.text() + CRLF;
    }

    @Override
    public String loginSucceeded(Credentials credentials, String okLine) {
        return tagOf(credentials) + " OK " + okLine + CRLF;
    }

    /**
     * Spec §3.3.5: the back-end's tag (up to the first space) is replaced by the client's. The
     * rest is made safe by {@link RelayedLine} (one line, no control characters, capped); a
     * back-end that gave no status gets perdition's failure text instead.
     */
    @Override
    public String relayedBackendReply(Credentials credentials, String backendLine) {
        String line = RelayedLine.sanitize(backendLine, RelayedLine.IMAP_MAX);
        int space = line.indexOf(' ');
        String rest = space < 0 ? "" : line.substring(space);
        if (rest.isBlank()) {
            return loginFailed(credentials, FailureReason.REAUTHENTICATION);
        }
        return tagOf(credentials) + rest + CRLF;
    }

    @Override
    public String connectionLimitReached() {
        return "* BYE Too many connections, try again later" + CRLF;
    }

    @Override
    public BackendLogin newBackendLogin(Credentials credentials, String remoteUser) {
        // With a distinct SASL authzid the back-end gets AUTHENTICATE PLAIN (authzid = remoteUser, authcid as sent).
        return new ImapBackendLogin(backendTags, remoteUser, credentials.password(), greetingText(),
                OutgoingTls.of(settings), credentials.actsForAnotherUser() ? credentials.user() : null);
    }


    private static String tagOf(Credentials credentials) {
        return credentials.tag() != null ? credentials.tag() : "*";
    }

    /** Upper-cased command name, for dispatch (commands are case-insensitive, spec §3.1). */
    static String canonical(String name) {
        return name == null ? null : name.toUpperCase(Locale.ROOT);
    }
}
