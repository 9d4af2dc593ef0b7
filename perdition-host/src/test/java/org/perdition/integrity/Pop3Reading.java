package org.perdition.integrity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** As {@link ImapReading}, for POP3: STAT, LIST, UIDL, RETR of each message and a TOP, raw. */
final class Pop3Reading {

    private Pop3Reading() {
    }

    /** Every answer's bytes in order, and the unstuffed RETR messages. */
    record Transcript(byte[] all, List<byte[]> messages) {
    }

    static Transcript read(Pop3Connection connection, int messageCount) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        String stat = connection.single("STAT");
        if (!stat.startsWith("+OK")) {
            throw new IOException("STAT answered " + stat);
        }
        all.writeBytes((stat + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        all.writeBytes(connection.multi("LIST"));
        all.writeBytes(connection.multi("UIDL"));
        List<byte[]> messages = new ArrayList<>();
        for (int n = 1; n <= messageCount; n++) {
            byte[] retr = connection.multi("RETR " + n);
            if (retr[0] != '+') {
                throw new IOException("RETR " + n + " failed");
            }
            all.writeBytes(retr);
            messages.add(Pop3Connection.unstuff(retr));
        }
        all.writeBytes(connection.multi("TOP 2 3"));
        return new Transcript(all.toByteArray(), messages);
    }

    static Transcript readDirectly(InetSocketAddress dovecot, UserMailbox user) throws IOException {
        try (Pop3Connection direct = Pop3Connection.open(dovecot)) {
            String status = direct.login(user.user(), user.password());
            if (!status.startsWith("+OK")) {
                throw new IOException("direct login of " + user.user() + ": " + status);
            }
            Transcript transcript = read(direct, user.messages().size());
            direct.single("QUIT");
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
        if (!Arrays.equals(proxied.all(), direct.all())) {
            return user.user() + ": POP3 answers differ (proxy " + proxied.all().length
                    + " bytes, Dovecot " + direct.all().length + ")";
        }
        for (int i = 0; i < user.messages().size(); i++) {
            if (!Arrays.equals(proxied.messages().get(i), user.messages().get(i))) {
                return user.user() + ": RETR " + (i + 1) + " is not the Maildir's bytes";
            }
        }
        return null;
    }
}
