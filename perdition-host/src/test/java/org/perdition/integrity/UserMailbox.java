package org.perdition.integrity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One generated account of the integrity suite: its name, password, a random token that appears
 * in every header block and body of its messages and nowhere else, and its INBOX exactly as
 * written to the Maildir.
 *
 * @param messages the messages in INBOX order, CRLF line ends, as on disk
 */
record UserMailbox(String user, String password, String token, List<byte[]> messages) {

    /** Every token in the suite has this shape, so a stray one in a session's bytes is found by a scan. */
    static final Pattern TOKEN = Pattern.compile("tok-[0-9a-f]{16}");

    /**
     * The tokens in {@code received} that are not this user's: any one means the session read
     * another account's mail. Latin-1 maps bytes to chars one to one, so binary content cannot hide one.
     */
    List<String> foreignTokens(byte[] received) {
        Matcher matcher = TOKEN.matcher(new String(received, StandardCharsets.ISO_8859_1));
        return matcher.results().map(m -> m.group()).filter(t -> !t.equals(token)).distinct().toList();
    }

    /** Whether {@code received} carries this user's token at all (an empty read would otherwise pass). */
    boolean carriesOwnToken(byte[] received) {
        return new String(received, StandardCharsets.ISO_8859_1).contains(token);
    }

    int totalBytes() {
        return messages.stream().mapToInt(m -> m.length).sum();
    }
}
