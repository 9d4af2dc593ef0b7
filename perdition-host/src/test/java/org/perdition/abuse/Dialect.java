package org.perdition.abuse;

import java.io.IOException;
import org.perdition.config.Protocol;

/** What the abuse suites need to know of each protocol: its greeting, a command, its error replies. */
public enum Dialect {
    POP3(Protocol.POP3),
    IMAP(Protocol.IMAP4),
    MANAGESIEVE(Protocol.MANAGESIEVE);

    private final Protocol protocol;

    Dialect(Protocol protocol) {
        this.protocol = protocol;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** Reads the greeting: one line, or ManageSieve's capability lines up to its OK. */
    public String readGreeting(RawClient client) throws IOException {
        String line = client.read();
        if (this == MANAGESIEVE) {
            while (line != null && !line.startsWith("OK")) {
                line = client.read();
            }
        }
        return line;
    }

    /** A harmless command, tagged where the protocol wants a tag. */
    public String noop(int n) {
        return this == IMAP ? "a" + n + " NOOP" : "NOOP";
    }

    /** The reply to {@link #noop(int)}. */
    public boolean isNoopReply(String line, int n) {
        return switch (this) {
            case POP3 -> line.startsWith("+OK");
            case IMAP -> line.startsWith("a" + n + " OK");
            case MANAGESIEVE -> line.startsWith("OK");
        };
    }

    /** The protocol's own error reply (IMAP: tagged or untagged BAD/NO, or a BYE). */
    public boolean isError(String line) {
        return switch (this) {
            case POP3 -> line.startsWith("-ERR");
            case IMAP -> line.matches("\\S+ (BAD|NO) .*") || line.startsWith("* BYE");
            case MANAGESIEVE -> line.startsWith("NO") || line.startsWith("BYE");
        };
    }

    /** Any well-formed reply line of the protocol (status, untagged data, continuation). */
    public boolean isReply(String line) {
        return switch (this) {
            case POP3 -> line.startsWith("+OK") || line.startsWith("-ERR") || line.startsWith("+ ");
            case IMAP -> line.startsWith("* ") || line.startsWith("+") || line.matches("\\S+ (OK|NO|BAD) .*");
            case MANAGESIEVE -> line.matches("(OK|NO|BYE)( .*)?") || line.startsWith("\"") || line.startsWith("{")
                    || line.startsWith("+");
        };
    }

    /** A login command for {@code user}/{@code password} in one line (POP3: USER, then PASS). */
    public String[] login(String user, String password) {
        return switch (this) {
            case POP3 -> new String[] {"USER " + user, "PASS " + password};
            case IMAP -> new String[] {"a1 LOGIN " + user + " " + password};
            case MANAGESIEVE -> new String[] {"AUTHENTICATE \"PLAIN\" \"" + java.util.Base64.getEncoder()
                    .encodeToString(("\0" + user + "\0" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    + "\""};
        };
    }
}
