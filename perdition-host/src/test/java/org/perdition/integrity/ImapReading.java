package org.perdition.integrity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/**
 * What one IMAP session reads of its mailbox, and the checks on it: through the proxy and
 * directly from Dovecot the same commands must give the same bytes, the messages must be the
 * bytes written to the Maildir, and no other user's token may appear.
 */
final class ImapReading {

    /**
     * Literal-heavy: five literals per message (two header parts, text, the whole message, a
     * partial), so most of the answer is literal data framed by {@code {n}}.
     */
    static final String LITERAL_HEAVY = "FETCH 1:* (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (TO X-INTEGRITY-TOKEN)]"
            + " BODY.PEEK[HEADER] BODY.PEEK[TEXT] BODY.PEEK[] BODY.PEEK[]<100.5000>)";
    static final String WHOLE = "FETCH 1:* BODY.PEEK[]";

    private ImapReading() {
    }

    /** The untagged answers of EXAMINE, the literal-heavy FETCH and the whole-message FETCH. */
    record Transcript(byte[] literalHeavy, List<byte[]> messages, byte[] all) {
    }

    static Transcript read(ImapConnection connection) throws IOException {
        ImapConnection.Response examine = connection.command("EXAMINE INBOX");
        expectOk("EXAMINE", examine);
        ImapConnection.Response heavy = connection.command(LITERAL_HEAVY);
        expectOk("literal-heavy FETCH", heavy);
        ImapConnection.Response whole = connection.command(WHOLE);
        expectOk("FETCH BODY[]", whole);
        byte[] all = concat(heavy.untagged(), whole.untagged());
        return new Transcript(heavy.untagged(), whole.literals(), all);
    }

    /** Reads the same mailbox over a fresh direct connection to Dovecot. */
    static Transcript readDirectly(InetSocketAddress dovecot, UserMailbox user) throws IOException {
        try (ImapConnection direct = ImapConnection.open(dovecot)) {
            String status = direct.login(user.user(), user.password());
            if (!status.equals("OK")) {
                throw new IOException("direct LOGIN of " + user.user() + ": " + status);
            }
            Transcript transcript = read(direct);
            direct.command("LOGOUT");
            return transcript;
        }
    }

    /** Null when the proxied reading is right, else what is wrong. */
    static String check(UserMailbox user, Transcript proxied, Transcript direct) {
        List<String> foreign = user.foreignTokens(proxied.all());
        if (!foreign.isEmpty()) {
            return user.user() + " read another account's mail through the proxy: tokens " + foreign;
        }
        if (!user.carriesOwnToken(proxied.all())) {
            return user.user() + " did not read its own token through the proxy";
        }
        if (!Arrays.equals(proxied.literalHeavy(), direct.literalHeavy())) {
            return user.user() + ": literal-heavy FETCH differs (proxy " + proxied.literalHeavy().length
                    + " bytes, Dovecot " + direct.literalHeavy().length + ")";
        }
        if (!Arrays.equals(proxied.all(), direct.all())) {
            return user.user() + ": FETCH BODY[] differs from the direct read";
        }
        if (proxied.messages().size() != user.messages().size()) {
            return user.user() + ": " + proxied.messages().size() + " messages, expected " + user.messages().size();
        }
        for (int i = 0; i < user.messages().size(); i++) {
            if (!Arrays.equals(proxied.messages().get(i), user.messages().get(i))) {
                return user.user() + ": message " + (i + 1) + " is not the Maildir's bytes";
            }
        }
        return null;
    }

    private static void expectOk(String what, ImapConnection.Response response) throws IOException {
        if (!response.status().equals("OK")) {
            throw new IOException(what + " answered " + response.status());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
