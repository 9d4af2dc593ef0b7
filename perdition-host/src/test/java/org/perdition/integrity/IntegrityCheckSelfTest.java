package org.perdition.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The integrity suite's checks fail when they should: another account's mail, a changed byte, an
 * empty read. Without this, a check that always passed would make the thousand-user test pass too.
 */
class IntegrityCheckSelfTest {

    private final List<UserMailbox> users = new Mailboxes(42).generate(2);
    private final UserMailbox alice = users.get(0);
    private final UserMailbox bob = users.get(1);

    @Test
    void everyMessageCarriesItsOwnersNameAndTokenInHeadersAndBody() {
        for (UserMailbox user : users) {
            for (byte[] message : user.messages()) {
                String text = new String(message, StandardCharsets.ISO_8859_1);
                int body = text.indexOf("\r\n\r\n");
                assertThat(text.substring(0, body)).contains(user.token(), "To: " + user.user() + "@");
                assertThat(text.substring(body)).contains(user.token(), user.user());
            }
        }
        assertThat(alice.token()).isNotEqualTo(bob.token());
    }

    @Test
    void imapCheckCatchesAnotherAccountsMailAndAnyChangedByte() {
        ImapReading.Transcript own = imapTranscript(alice);
        assertThat(ImapReading.check(alice, own, own)).isNull();

        ImapReading.Transcript bobs = imapTranscript(bob);
        assertThat(ImapReading.check(alice, bobs, bobs)).contains("read another account's mail", bob.token());

        byte[] changed = own.all().clone();
        changed[changed.length / 2] ^= 1;
        ImapReading.Transcript flipped = new ImapReading.Transcript(own.literalHeavy(), own.messages(), changed);
        assertThat(ImapReading.check(alice, flipped, own)).isNotNull();

        ImapReading.Transcript empty = new ImapReading.Transcript(new byte[0], List.of(), new byte[0]);
        assertThat(ImapReading.check(alice, empty, empty)).contains("did not read its own token");
    }

    @Test
    void pop3CheckCatchesAnotherAccountsMailAndAMessageThatIsNotTheMaildirs() {
        Pop3Reading.Transcript own = new Pop3Reading.Transcript(concat(alice.messages()), alice.messages());
        assertThat(Pop3Reading.check(alice, own, own)).isNull();

        Pop3Reading.Transcript bobs = new Pop3Reading.Transcript(concat(bob.messages()), bob.messages());
        assertThat(Pop3Reading.check(alice, bobs, bobs)).contains("read another account's mail");

        Pop3Reading.Transcript swapped = new Pop3Reading.Transcript(own.all(),
                List.of(alice.messages().get(1), alice.messages().get(0), alice.messages().get(2)));
        assertThat(Pop3Reading.check(alice, swapped, own)).contains("RETR 1 is not the Maildir's bytes");
    }

    @Test
    void dotStuffingIsUndoneExactly() {
        byte[] answer = "+OK 12 octets\r\n..a\r\nb\r\n..\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(Pop3Connection.unstuff(answer), StandardCharsets.US_ASCII)).isEqualTo(".a\r\nb\r\n.\r\n");
    }

    private static ImapReading.Transcript imapTranscript(UserMailbox user) {
        byte[] all = concat(user.messages());
        return new ImapReading.Transcript(all, user.messages(), all);
    }

    private static byte[] concat(List<byte[]> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
