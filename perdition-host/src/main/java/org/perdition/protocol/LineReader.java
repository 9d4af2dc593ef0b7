package org.perdition.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Takes one line off a client buffer, with a hard length cap (before login nothing is forwarded,
 * so a lone LF is accepted as perdition does; spec §3.1).
 *
 * <p>Lines are decoded as ISO-8859-1 so that every byte maps to one char and back: user names
 * and passwords reach the back-end byte for byte, whatever their charset.
 */
public final class LineReader {

    /** What {@link #read} found. */
    public sealed interface Result {
    }

    /** A whole line, CR/LF removed. */
    public record Line(String text) implements Result {
    }

    /** No LF yet and still under the cap: wait for more bytes. */
    public record Incomplete() implements Result {
    }

    /** The line is longer than the cap; nothing was consumed. */
    public record TooLong() implements Result {
    }

    private static final Incomplete INCOMPLETE = new Incomplete();
    private static final TooLong TOO_LONG = new TooLong();

    private LineReader() {
    }

    /**
     * @param maxLength longest line accepted, counting its CRLF
     */
    public static Result read(ByteBuf in, int maxLength) {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            return in.readableBytes() >= maxLength ? TOO_LONG : INCOMPLETE;
        }
        if (lf - start + 1 > maxLength) {
            return TOO_LONG;
        }
        int end = lf;
        if (end > start && in.getByte(end - 1) == '\r') {
            end--;
        }
        String text = in.toString(start, end - start, StandardCharsets.ISO_8859_1);
        in.readerIndex(lf + 1);
        return new Line(text);
    }

    /** Bytes of a protocol string as they go on the wire (the inverse of the decoding above). */
    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
