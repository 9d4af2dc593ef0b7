package org.perdition.protocol.managesieve;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.perdition.protocol.SegmentReader;

/**
 * Assembles one ManageSieve command (or one SASL response) from the client's bytes,
 * incrementally: line segments and the literals between them. It never consumes a byte past the
 * command.
 *
 * <p>RFC 5804 §4 lets clients send only non-synchronising literals ({@code {n+}}); perdition also
 * took {@code {n}} and never sent a continuation (spec §3.6.2), and neither do we: a literal's
 * bytes follow its announcement at once. perdition's effective limit was its 4096-byte buffer;
 * ours are {@code --max_line_length} for the segments together and {@code --max_literal_size}
 * for the literals together.
 */
final class SieveCommandReader {

    sealed interface Result {
    }

    /** A whole command; {@code wellFormed} is false when some word could not be parsed. */
    record Command(List<SieveArg> words, boolean wellFormed) implements Result {
    }

    /** The command is over --max_line_length; nothing more can be made of the input. */
    record TooLong() implements Result {
    }

    /** A literal over --max_literal_size was announced; its bytes are on their way. */
    record LiteralTooLarge() implements Result {
    }

    private final SegmentReader segments;
    private final int maxLiteralSize;

    private List<SieveArg> words = new ArrayList<>();
    private long literalBytes;
    private boolean afterLiteral;

    SieveCommandReader(int maxLineLength, int maxLiteralSize) {
        this.segments = new SegmentReader(maxLineLength);
        this.maxLiteralSize = maxLiteralSize;
    }

    /** @return a result, or null when {@code in} needs more bytes */
    Result read(ByteBuf in) {
        while (true) {
            SegmentReader.Piece piece = segments.next(in);
            if (piece == null) {
                return null;
            }
            if (piece instanceof SegmentReader.Literal literal) {
                words.add(SieveArg.string(literal.bytes()));
                afterLiteral = true;
                continue;
            }
            if (piece instanceof SegmentReader.TooLong) {
                reset();
                return new TooLong();
            }
            SieveLexer.Outcome outcome = SieveLexer.lex(((SegmentReader.Segment) piece).text(), afterLiteral, words);
            if (!outcome.announcesLiteral()) {
                Command command = new Command(List.copyOf(words), outcome.wellFormed());
                reset();
                return command;
            }
            long size = outcome.literalSize();
            if (size > maxLiteralSize || literalBytes + size > maxLiteralSize) {
                reset();
                return new LiteralTooLarge();
            }
            literalBytes += size;
            segments.expectLiteral(size);
        }
    }

    private void reset() {
        words = new ArrayList<>();
        segments.reset();
        literalBytes = 0;
        afterLiteral = false;
    }
}
