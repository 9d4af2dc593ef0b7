package org.perdition.benchmark.side;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generator's response matchers, fed in awkward pieces as TCP may deliver them. */
class ExpectTest {

    @Test
    void imapFetchSkipsTheLiteralEvenWhenItLooksLikeTheTaggedLine() throws IOException {
        String literal = "f OK not the end\r\n";
        Expect e = Expect.tagged("f");
        String reply = "* 4 FETCH (BODY[] {" + literal.length() + "}\r\n" + literal + ")\r\nf OK done\r\n";

        assertThat(feed(e, reply, 3)).isEqualTo(reply.length());
    }

    @Test
    void imapNoIsAFailure() {
        assertThatThrownBy(() -> feed(Expect.tagged("a"), "* BYE x\r\na NO bad password\r\n", 5))
                .hasMessageContaining("a NO bad password");
    }

    @Test
    void pop3MultiLineEndsAtTheDotLineOnly() throws IOException {
        String reply = "+OK 12 octets\r\n..stuffed\r\nbody\r\n.\r\n";
        Expect e = Expect.multiLine();
        for (int size : new int[] {1, 2, 4, 7}) {
            assertThat(feed(Expect.multiLine(), reply, size)).as("pieces of %d", size).isEqualTo(reply.length());
        }
        assertThat(feed(e, "+OK\r\n.\r\n", 100)).isEqualTo(8);
    }

    @Test
    void pop3MultiLineIsNotDoneBeforeTheEnd() throws IOException {
        Expect e = Expect.multiLine();
        assertThat(e.consume(buf("+OK\r\nline\r\n"))).isFalse();
        assertThat(e.consume(buf(".\r"))).isFalse();
        assertThat(e.consume(buf("\n"))).isTrue();
    }

    /** Feeds {@code text} in pieces of {@code size}; returns how many bytes were consumed when done, -1 if never. */
    private static int feed(Expect e, String text, int size) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += size) {
            ByteBuf piece = Unpooled.wrappedBuffer(bytes, i, Math.min(size, bytes.length - i));
            if (e.consume(piece)) {
                return i + piece.readerIndex();
            }
        }
        return -1;
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }
}
