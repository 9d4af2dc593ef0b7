package org.perdition.it;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;

/**
 * Angus Mail (Jakarta Mail) as the real client of the tests: one {@link Store} per call, plain
 * TCP to 127.0.0.1, with timeouts so a broken server fails the test instead of hanging it.
 *
 * @param protocol     "imap" or "pop3"
 * @param port         the server (or proxy) port
 * @param partialFetch IMAP only: true fetches BODY[]&lt;offset.16384&gt; pieces (Angus's default),
 *                     false fetches each message as one BODY[] literal
 */
public record MailClient(String protocol, int port, boolean partialFetch) {

    public static MailClient imap(int port) {
        return new MailClient("imap", port, false);
    }

    public static MailClient imapPartialFetch(int port) {
        return new MailClient("imap", port, true);
    }

    public static MailClient pop3(int port) {
        return new MailClient("pop3", port, false);
    }

    /** A connected store; throws AuthenticationFailedException on a rejected login. */
    public Store connect(String user, String password) throws MessagingException {
        Store store = session().getStore(protocol);
        store.connect("127.0.0.1", port, user, password);
        return store;
    }

    /**
     * Every INBOX message as raw bytes ({@code writeTo}: IMAP BODY[], POP3 RETR), keyed by the
     * Message-ID found in those bytes, in INBOX order.
     */
    public Map<String, byte[]> readInbox(String user, String password) throws MessagingException, IOException {
        Store store = connect(user, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                Map<String, byte[]> raw = new LinkedHashMap<>();
                for (Message message : inbox.getMessages()) {
                    byte[] bytes = rawBytes(message);
                    raw.put(messageId(bytes), bytes);
                }
                return raw;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    /** INBOX message sizes as the server reports them (IMAP RFC822.SIZE, POP3 LIST). */
    public int[] inboxSizes(String user, String password) throws MessagingException {
        Store store = connect(user, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                if (inbox instanceof POP3Folder pop3) {
                    return pop3.getSizes();   // LIST; Message.getSize() would give the body size only
                }
                Message[] messages = inbox.getMessages();
                int[] sizes = new int[messages.length];
                for (int i = 0; i < messages.length; i++) {
                    sizes[i] = messages[i].getSize();
                }
                return sizes;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    public static byte[] rawBytes(Message message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The Message-ID header value in raw message bytes (our test messages write it unfolded). */
    public static String messageId(byte[] message) {
        String text = new String(message, 0, Math.min(message.length, 4096), StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\nMessage-ID: ");
        if (start < 0) {
            return "<no Message-ID in " + text.lines().findFirst().orElse("") + "...>";
        }
        start += "\r\nMessage-ID: ".length();
        return text.substring(start, text.indexOf("\r\n", start));
    }

    private Session session() {
        Properties props = new Properties();
        String prefix = "mail." + protocol + ".";
        props.setProperty(prefix + "connectiontimeout", "30000");
        props.setProperty(prefix + "timeout", "120000");
        props.setProperty(prefix + "writetimeout", "120000");
        // keep STARTTLS out of it: these tests are about the plain relay
        props.setProperty(prefix + "starttls.enable", "false");
        props.setProperty("mail.imap.partialfetch", Boolean.toString(partialFetch));
        props.setProperty("mail.imap.peek", "true");
        return Session.getInstance(props);
    }
}
