package org.perdition.protocol.managesieve;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Locale;
import org.perdition.config.Settings;
import org.perdition.protocol.BackendLogin;
import org.perdition.protocol.ClientEvent;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.OutgoingTls;
import org.perdition.protocol.SessionContext;

/**
 * One ManageSieve client before login (spec §3.6): the greeting (capability block and
 * {@code OK "perdition ready on <host> <csum>"}), the pre-login commands, the login replies
 * ({@code NO "failed: <reason>"}, spec §3.3.1). Commands are read by {@link SieveCommandReader};
 * AUTHENTICATE is {@link SieveAuthenticate}'s.
 *
 * <p>RFC 5804 §2.2: after STARTTLS the server sends its capabilities again, unasked. The session
 * core has no hook for text after a client handshake, so {@link #clientTlsStarted()} queues the
 * block and the next {@link #decode} returns it before reading anything (the core decodes right
 * after the handshake).
 */
final class ManageSieveFrontendSession implements FrontendSession {

    private final SessionContext context;
    private final Settings settings;
    private final SieveCommandReader reader;
    private final SieveAuthenticate sasl = new SieveAuthenticate();
    private boolean tlsStarted;
    /** The capabilities owed after STARTTLS, or null. */
    private String afterTls;

    ManageSieveFrontendSession(SessionContext context) {
        this.context = context;
        this.settings = context.settings();
        this.reader = new SieveCommandReader(settings.maxLineLength, settings.maxLiteralSize);
    }

    @Override
    public String greeting() {
        return capabilities() + SieveReplies.ok(greetingText());
    }

    /** The greeting's OK text: what a back-end's greeting is compared with (loop detection, spec §3.3.4). */
    String greetingText() {
        return "perdition ready on " + context.greetingSuffix();
    }

    private String capabilities() {
        return SieveCapabilities.block(settings.managesieveCapability, offerStartTls());
    }

    private boolean clientTls() {
        return context.clientTls() || tlsStarted;
    }

    private boolean offerStartTls() {
        return SieveCapabilities.tlsListen(settings) && !clientTls();
    }

    @Override
    public ClientEvent decode(ByteBuf in) {
        if (afterTls != null) {
            String block = afterTls;
            afterTls = null;
            return new ClientEvent.Reply(block);
        }
        SieveCommandReader.Result result = reader.read(in);
        if (result == null) {
            return null;
        }
        if (result instanceof SieveCommandReader.TooLong) {
            sasl.cancel();
            return new ClientEvent.Close(SieveReplies.LINE_TOO_LONG);
        }
        if (result instanceof SieveCommandReader.LiteralTooLarge) {
            // Its bytes are on their way (no continuation in ManageSieve): hang up rather than parse them.
            sasl.cancel();
            return new ClientEvent.Close(SieveReplies.LITERAL_TOO_LARGE);
        }
        SieveCommandReader.Command command = (SieveCommandReader.Command) result;
        List<SieveArg> words = command.wellFormed() ? command.words() : null;
        if (sasl.awaitingResponse()) {
            return sasl.response(words);
        }
        return execute(command);
    }

    /** Dispatch on the command name, case-insensitively (spec §3.1); table of spec §3.6.3. */
    private ClientEvent execute(SieveCommandReader.Command command) {
        List<SieveArg> words = command.words();
        if (words.isEmpty() || words.get(0).string()) {
            return SieveReplies.no(SieveReplies.UNKNOWN_COMMAND);
        }
        String name = words.get(0).value().toUpperCase(Locale.ROOT);
        List<SieveArg> args = command.wellFormed() ? words.subList(1, words.size()) : null;
        boolean noArgs = args != null && args.isEmpty();
        switch (name) {
            case "CAPABILITY":
                return noArgs ? new ClientEvent.Reply(capabilities() + SieveReplies.ok(SieveReplies.CAPABILITY_OK))
                        : SieveReplies.no(SieveReplies.CAPABILITY_ARGS);
            case "NOOP":
                return noop(args);
            case "LOGOUT":
                return noArgs ? new ClientEvent.Close(SieveReplies.ok(SieveReplies.LOGOUT_OK))
                        : SieveReplies.no(SieveReplies.LOGOUT_ARGS);
            case "STARTTLS":
                return startTls(noArgs);
            case "AUTHENTICATE":
                return sasl.authenticate(args);
            default:
                return SieveReplies.no(SieveReplies.UNKNOWN_COMMAND);
        }
    }

    /**
     * RFC 5804 §2.11: {@code NOOP "tag"} echoes the tag as {@code OK (TAG "tag") ...}. perdition
     * built that reply and never sent it (no reply at all, bug B16); ours goes out.
     */
    private static ClientEvent noop(List<SieveArg> args) {
        if (args == null) {
            return SieveReplies.no(SieveReplies.NOOP_INVALID);
        }
        if (args.isEmpty()) {
            return new ClientEvent.Reply(SieveReplies.ok(SieveReplies.NOOP_OK));
        }
        if (args.size() > 1) {
            return SieveReplies.no(SieveReplies.NOOP_ARGS);
        }
        if (!args.get(0).string()) {
            return SieveReplies.no(SieveReplies.NOOP_INVALID);
        }
        return new ClientEvent.Reply("OK (TAG " + SieveQuoting.forClient(args.get(0).value()) + ") "
                + SieveQuoting.forClient(SieveReplies.NOOP_OK) + SieveQuoting.CRLF);
    }

    /** STARTTLS is a command only with tls_listen and before TLS; otherwise it is unknown (spec §3.6.3). */
    private ClientEvent startTls(boolean noArgs) {
        if (!offerStartTls()) {
            return SieveReplies.no(SieveReplies.UNKNOWN_COMMAND);
        }
        if (!noArgs) {
            return SieveReplies.no(SieveReplies.STARTTLS_ARGS);
        }
        return new ClientEvent.StartTls(SieveReplies.ok(SieveReplies.BEGIN_TLS));
    }

    /** Capabilities again, without STARTTLS (RFC 5804 §2.2; perdition's text, spec §3.6.3). */
    @Override
    public void clientTlsStarted() {
        tlsStarted = true;
        afterTls = capabilities() + SieveReplies.ok(SieveReplies.TLS_DONE);
    }

    /**
     * {@code NO "failed: <reason>"} (spec §3.3.1), {@code -a} included: perdition's ManageSieve
     * PAM hook was a stub that made every {@code -a} login fatal (bug B26). We do what it meant: a
     * refused local password is an ordinary failed login, {@code NO "failed: local authentication
     * failure"}, after which the client may try again, as POP3 and IMAP allow (spec §3.4, §3.5).
     * ManageSieve has no separate PAM text in perdition, so the reason is the log's.
     *
     * <p>{@code --login_disabled} is {@code NO "failed: Login Disabled"} for every AUTHENTICATE.
     * The capability list keeps {@code "SASL" "PLAIN"} then: RFC 5804 has no LOGINDISABLED, and
     * §1.7 allows an empty SASL list only next to STARTTLS, so dropping PLAIN would make the
     * greeting invalid rather than informative (perdition, too, leaves the list as configured).
     */
    @Override
    public String loginFailed(Credentials credentials, FailureReason reason) {
        return SieveQuoting.response("NO", "failed: " + reason.text());
    }

    @Override
    public String loginSucceeded(Credentials credentials, String okLine) {
        return SieveReplies.ok(okLine);
    }

    /**
     * With {@code -o}: the back-end's final response, as {@link ManageSieveBackendLogin} re-wrote
     * it with our quoting (so a malformed back-end line cannot confuse the client); a failure
     * without a back-end line gets perdition's text (never an unfilled buffer, bug B2).
     */
    @Override
    public String relayedBackendReply(Credentials credentials, String backendLine) {
        if (backendLine == null || backendLine.isEmpty()) {
            return loginFailed(credentials, FailureReason.REAUTHENTICATION);
        }
        return backendLine.endsWith(SieveQuoting.CRLF) ? backendLine : backendLine + SieveQuoting.CRLF;
    }

    @Override
    public String connectionLimitReached() {
        return "BYE " + SieveQuoting.forClient("Too many connections, try again later") + SieveQuoting.CRLF;
    }

    @Override
    public BackendLogin newBackendLogin(Credentials credentials, String remoteUser) {
        return new ManageSieveBackendLogin(greetingText(), SaslPlainFor.backend(credentials, remoteUser),
                OutgoingTls.of(settings));
    }
}
