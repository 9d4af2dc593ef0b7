package org.perdition.it;

import java.nio.charset.StandardCharsets;

/**
 * One message of the fixture's Maildir, exactly as written to disk.
 *
 * <p>The bytes use CRLF line ends, so what Dovecot serves (IMAP {@code BODY[]}, POP3 {@code RETR}
 * after dot-unstuffing) is byte-identical to the file.
 *
 * @param messageId the Message-ID header value, angle brackets included; tests match on it
 * @param bytes     the whole RFC 5322 message
 */
public record TestMessage(String messageId, byte[] bytes) {

    public int size() {
        return bytes.length;
    }

    /** The message as text, for assertions on small messages. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
