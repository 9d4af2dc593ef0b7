package org.perdition.protocol.pop3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.perdition.config.Settings;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.SessionContext;

/**
 * A client/server script: {@code C:} lines the client sends and the {@code S:} events the
 * session must produce, written like an RFC example:
 *
 * <pre>{@code
 * script("USER then PASS")
 *     .c("USER bob").s("+OK USER bob set, mate")
 *     .c("PASS secret").login(null, "bob", "secret")
 * }</pre>
 *
 * Replies are given without their CRLF (each line gets one); multi-line replies take one
 * argument per line.
 */
final class Pop3Transcript {

    static final String SUFFIX = "localhost 0002bb17";

    final String name;
    final List<String> clientLines = new ArrayList<>();
    final List<String> expected = new ArrayList<>();
    private final Settings settings = new Settings();
    private boolean clientTls;

    private Pop3Transcript(String name) {
        this.name = name;
    }

    static Pop3Transcript script(String name) {
        return new Pop3Transcript(name);
    }

    Pop3Transcript with(Consumer<Settings> change) {
        change.accept(settings);
        return this;
    }

    Pop3Transcript clientTls() {
        clientTls = true;
        return this;
    }

    /** A client line, sent with CRLF. */
    Pop3Transcript c(String line) {
        return raw(line + "\r\n");
    }

    /** Client bytes exactly as given (a lone LF, a line without end). */
    Pop3Transcript raw(String bytes) {
        clientLines.add(bytes);
        return this;
    }

    Pop3Transcript s(String... lines) {
        expected.add(asReply(crlf(lines)));
        return this;
    }

    Pop3Transcript delayed(String line) {
        expected.add(asDelayed(crlf(line)));
        return this;
    }

    Pop3Transcript tls(String line) {
        expected.add(asStartTls(crlf(line)));
        return this;
    }

    Pop3Transcript close(String line) {
        expected.add(asClose(crlf(line)));
        return this;
    }

    /** The client logged in; the driver answers with the login failure. */
    Pop3Transcript login(String authorisationId, String user, String password) {
        Credentials credentials = new Credentials(authorisationId, user, password, null);
        expected.add(asLogin(credentials));
        // FrontendDriver.LOGIN_FAILURE in perdition's words (spec §3.3.1).
        expected.add(asFailed("-ERR failed: Re-Authentication Failure\r\n"));
        return this;
    }

    SessionContext context() {
        return new SessionContext(settings, SUFFIX, clientTls);
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- the recorded form of events, shared with FrontendDriver ----

    static String asReply(String text) {
        return "S: " + show(text);
    }

    static String asDelayed(String text) {
        return "S (after delay): " + show(text);
    }

    static String asStartTls(String text) {
        return "S (then TLS): " + show(text);
    }

    static String asClose(String text) {
        return "S (then close): " + show(text);
    }

    static String asFailed(String text) {
        return "S (login failed): " + show(text);
    }

    static String asLogin(Credentials credentials) {
        return "LOGIN authzid=" + credentials.authorisationId() + " user=" + show(credentials.user())
                + " password=" + show(credentials.password());
    }

    /** Makes CR and LF visible so that a missing CRLF shows in a failure message. */
    static String show(String text) {
        return "[" + text.replace("\r", "\\r").replace("\n", "\\n") + "]";
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String crlf(String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        return text.toString();
    }
}
