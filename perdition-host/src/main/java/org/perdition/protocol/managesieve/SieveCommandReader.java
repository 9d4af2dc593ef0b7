package org.perdition.protocol.managesieve;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.perdition.protocol.LineReader;

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

    private final int maxLineLength;
    private final int maxLiteralSize;

    private List<SieveArg> words = new ArrayList<>();
    private int lineBytes;
    private long literalBytes;
    /** Size of the literal whose bytes come next, or -1 when a line segment comes next. */
    private long pendingLiteral = -1;
    private boolean afterLiteral;

    SieveCommandReader(int maxLineLength, int maxLiteralSize) {
        this.maxLineLength = maxLineLength;
        this.maxLiteralSize = maxLiteralSize;
    }

    /** @return a result, or null when {@code in} needs more bytes */
    Result read(ByteBuf in) {
        while (true) {
            if (pendingLiteral >= 0) {
                if (in.readableBytes() < pendingLiteral) {
                    return null;
                }
                words.add(SieveArg.string(in.readCharSequence((int) pendingLiteral, StandardCharsets.ISO_8859_1)
                        .toString()));
                pendingLiteral = -1;
                afterLiteral = true;
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
            SieveLexer.Outcome outcome = SieveLexer.lex(((LineReader.Line) line).text(), afterLiteral, words);
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
            pendingLiteral = size;
        }
    }

    private void reset() {
        words = new ArrayList<>();
        lineBytes = 0;
        literalBytes = 0;
        pendingLiteral = -1;
        afterLiteral = false;
    }
}
