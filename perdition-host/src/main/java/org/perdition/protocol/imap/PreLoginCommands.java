package org.perdition.protocol.imap;

import static org.perdition.protocol.imap.ImapFrontendSession.CRLF;

import java.util.List;
import java.util.Map;
import org.perdition.config.SslMode;
import org.perdition.protocol.ClientEvent;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.SaslPlain;

/**
 * What each pre-login command does, with perdition's wire strings (spec §3.5 table). Syntax
 * errors are delayed (spec §3.2); so is every refusal except the unsupported SASL mechanism.
 */
final class PreLoginCommands {

    private static final String SASL_CONTINUATION = "+ " + CRLF;

    private final ImapFrontendSession session;
    private Map<String, String> clientId = Map.of();
    /** The tag of an AUTHENTICATE PLAIN waiting for its response line, else null. */
    private String saslTag;

    PreLoginCommands(ImapFrontendSession session) {
        this.session = session;
    }

    Map<String, String> clientId() {
        return clientId;
    }

    boolean awaitingSaslResponse() {
        return saslTag != null;
    }

    void cancelSasl() {
        saslTag = null;
    }

    /** Commands whose arguments may be literals; any other gets its error instead of a "+". */
    static boolean takesLiterals(String name) {
        String command = ImapFrontendSession.canonical(name);
        return "LOGIN".equals(command) || "ID".equals(command);
    }

    /** @param name null when the line held only a tag */
    ClientEvent execute(String tag, String name, List<Token> tokens) {
        if (!ImapTag.isValid(tag)) {
            return delayed("* BAD Invalid tag, mate");
        }
        if (name == null) {
            return delayed(tag + " BAD Missing command, mate");
        }
        List<Arg> args = ArgumentParser.parse(tokens);
        String command = ImapFrontendSession.canonical(name);
        boolean hasArguments = !tokens.isEmpty();
        switch (command) {
            case "NOOP":
                return hasArguments ? argumentGiven(tag, command) : reply(tag + " OK NOOP");
            case "CAPABILITY":
                return hasArguments ? argumentGiven(tag, command)
                        : reply("* CAPABILITY " + session.capabilities() + CRLF + tag + " OK CAPABILITY");
            case "LOGOUT":
                return hasArguments ? argumentGiven(tag, command)
                        : new ClientEvent.Close("* BYE IMAP4 server logging out, mate" + CRLF + tag + " OK LOGOUT" + CRLF);
            case "STARTTLS":
                return hasArguments ? argumentGiven(tag, command) : startTls(tag);
            case "LOGIN":
                return login(tag, args);
            case "AUTHENTICATE":
                return authenticate(tag, args);
            case "ID":
                return id(tag, args);
            default:
                return syntaxError(tag, name);
        }
    }

    /** The reply a command gets when its arguments cannot be right (also for refused literals). */
    ClientEvent syntaxError(String tag, String name) {
        if (!ImapTag.isValid(tag)) {
            return delayed("* BAD Invalid tag, mate");
        }
        if (name == null || name.isEmpty()) {
            return delayed(tag + " BAD Missing command, mate");
        }
        String command = ImapFrontendSession.canonical(name);
        switch (command) {
            case "NOOP":
            case "CAPABILITY":
            case "LOGOUT":
            case "STARTTLS":
                return argumentGiven(tag, command);
            case "LOGIN":
                return delayed(tag + " BAD Mate, try LOGIN <username> <passwd>");
            case "AUTHENTICATE":
                return delayed(tag + " BAD Mate, try AUTHENTICATE <mechanism>");
            case "ID":
                return delayed(tag + " BAD Invalid ID, mate");
            default:
                return delayed(tag + " BAD Unrecognised command, mate");
        }
    }

    private ClientEvent startTls(String tag) {
        boolean tlsListen = session.settings().sslMode.contains(SslMode.TLS_LISTEN)
                || ImapCapabilities.tlsListenForce(session.settings());
        if (!tlsListen) {
            return delayed(tag + " BAD STARTTLS disabled, mate");
        }
        if (session.clientTls()) {
            return delayed(tag + " BAD SSL already active, mate");
        }
        return new ClientEvent.StartTls(tag + " OK Begin TLS negotiation now" + CRLF);
    }

    /**
     * LOGIN user password: each an atom, quoted string or literal of its own (perdition decoded the
     * password with the user name's token type, bug B14). Empty names or passwords are refused as
     * perdition does.
     */
    private ClientEvent login(String tag, List<Arg> args) {
        if (args == null || args.size() != 2
                || !(args.get(0) instanceof Arg.Text user) || !(args.get(1) instanceof Arg.Text password)
                || user.value().isEmpty() || password.value().isEmpty()) {
            return syntaxError(tag, "LOGIN");
        }
        return new ClientEvent.Login(new Credentials(null, user.value(), password.value(), tag));
    }

    /**
     * AUTHENTICATE PLAIN (RFC 3501 §6.2.2, RFC 4616), with an initial response (RFC 4959, "=" is
     * an empty one) or after a "+ " continuation. perdition supported no mechanism at all.
     */
    private ClientEvent authenticate(String tag, List<Arg> args) {
        if (args == null || args.isEmpty() || args.size() > 2 || !isAtom(args.get(0))
                || (args.size() == 2 && !isAtom(args.get(1)))) {
            return syntaxError(tag, "AUTHENTICATE");
        }
        if (!((Arg.Text) args.get(0)).value().equalsIgnoreCase("PLAIN")) {
            // Not delayed, as perdition (spec §3.2).
            return reply(tag + " NO AUTHENTICATE mechanism not supported, mate");
        }
        if (args.size() == 1) {
            saslTag = tag;
            return new ClientEvent.Reply(SASL_CONTINUATION);
        }
        String initial = ((Arg.Text) args.get(1)).value();
        return saslPlain(tag, initial.equals("=") ? "" : initial);
    }

    /** The line after "+ ": the base64 response, or "*" to cancel (RFC 3501 §6.2.2). */
    ClientEvent saslResponse(String line) {
        String tag = saslTag;
        saslTag = null;
        if (line.equals("*")) {
            return reply(tag + " BAD AUTHENTICATE cancelled");
        }
        return saslPlain(tag, line);
    }

    private static ClientEvent saslPlain(String tag, String base64) {
        SaslPlain.Decoded decoded = SaslPlain.decode(base64);
        if (decoded instanceof SaslPlain.Valid valid) {
            return new ClientEvent.Login(new Credentials(
                    valid.authorisationId(), valid.authenticationId(), valid.password(), tag));
        }
        return delayed(tag + " NO " + ((SaslPlain.Invalid) decoded).reason() + ", mate");
    }

    /** ID (RFC 2971): remember the client's parameters, name ourselves. */
    private ClientEvent id(String tag, List<Arg> args) {
        Map<String, String> parameters = args != null && args.size() == 1 ? IdParameters.parse(args.get(0)) : null;
        if (parameters == null) {
            return syntaxError(tag, "ID");
        }
        clientId = parameters;
        return reply("* ID (\"name\" \"perdition\")" + CRLF + tag + " OK ID completed");
    }

    private static boolean isAtom(Arg arg) {
        return arg instanceof Arg.Text text && text.kind() == Arg.Kind.ATOM;
    }

    private static ClientEvent argumentGiven(String tag, String command) {
        return delayed(tag + " BAD Argument given to " + command + " but there shouldn't be one, mate");
    }

    private static ClientEvent reply(String line) {
        return new ClientEvent.Reply(line + CRLF);
    }

    private static ClientEvent delayed(String line) {
        return new ClientEvent.DelayedReply(line + CRLF);
    }
}
