package org.perdition.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Takes the next piece of a literal-bearing command off a client buffer: either a line segment or
 * the bytes of the literal the previous segment announced. IMAP (RFC 3501 §4.3) and ManageSieve
 * (RFC 5804 §4) frame commands the same way; each protocol's command reader parses the segments
 * and decides the literal limits, this class only keeps the shared byte accounting.
 *
 * <p>The line cap covers all the segments of one command together, so a client cannot get round
 * it by splitting a long command with literals. Nothing past the command is ever consumed.
 */
public final class SegmentReader {

    /** What {@link #next} found. */
    public sealed interface Piece {
    }

    /** A whole line segment, CR/LF removed. */
    public record Segment(String text) implements Piece {
    }

    /** The bytes of the announced literal, decoded ISO-8859-1 (byte for byte). */
    public record Literal(String bytes) implements Piece {
    }

    /** The segments together are over the cap; the reader has started over. */
    public record TooLong() implements Piece {
    }

    private final int maxLineLength;
    private int lineBytes;
    /** Size of the literal whose bytes come next, or -1 when a line segment comes next. */
    private long pendingLiteral = -1;

    /**
     * @param maxLineLength longest the segments of one command may be together, counting CRLFs
     */
    public SegmentReader(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    /** @return the next piece, or null when {@code in} needs more bytes */
    public Piece next(ByteBuf in) {
        if (pendingLiteral >= 0) {
            if (in.readableBytes() < pendingLiteral) {
                return null;
            }
            String bytes = in.readCharSequence((int) pendingLiteral, StandardCharsets.ISO_8859_1).toString();
            pendingLiteral = -1;
            return new Literal(bytes);
        }
        int start = in.readerIndex();
        LineReader.Result line = LineReader.read(in, maxLineLength - lineBytes);
        if (line instanceof LineReader.Incomplete) {
            return null;
        }
        if (line instanceof LineReader.TooLong) {
            reset();
            return new TooLong();
        }
        lineBytes += in.readerIndex() - start;
        return new Segment(((LineReader.Line) line).text());
    }

    /** The segment just read announced a literal of {@code size} bytes: they come next. */
    public void expectLiteral(long size) {
        pendingLiteral = size;
    }

    /** Starts a new command. */
    public void reset() {
        lineBytes = 0;
        pendingLiteral = -1;
    }
}
