package org.perdition.protocol.imap;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.perdition.protocol.SegmentReader;

/**
 * Assembles one command from the client's bytes, incrementally: line segments and the literals
 * between them (RFC 3501 §4.3, RFC 7888), wherever the literals appear (perdition only knew a
 * literal at the very end of a LOGIN line, bug B14). It never consumes a byte past the command.
 *
 * <p>Limits (bug B31 fix): the segments of one command together may be {@code maxLineLength}
 * long, one literal {@code maxLiteralSize}, all literals of a command twice that (LOGIN's user
 * name and password).
 */
final class CommandReader {

    sealed interface Result {
    }

    /** A whole command. {@code name} is null when the line held a tag alone. */
    record Command(String tag, String name, List<Token> args) implements Result {
    }

    /**
     * A synchronising literal was announced. The caller either {@link #acceptLiteral() accepts}
     * it (and sends the continuation) or {@link #abandon() abandons} the command.
     */
    record SyncLiteral(String tag, String name) implements Result {
    }

    /** The command line is over the limit; nothing more can be made of the input. */
    record TooLong() implements Result {
    }

    /** A literal over the limit was announced; the command is dropped. */
    record LiteralTooLarge(String tag, boolean synchronising) implements Result {
    }

    private final SegmentReader segments;
    private final int maxLiteralSize;

    private String tag;
    private String name;
    private List<Token> args = new ArrayList<>();
    private long literalBytes;
    private boolean awaitingAcceptance;

    CommandReader(int maxLineLength, int maxLiteralSize) {
        this.segments = new SegmentReader(maxLineLength);
        this.maxLiteralSize = maxLiteralSize;
    }

    /** @return a result, or null when {@code in} needs more bytes */
    Result read(ByteBuf in) {
        if (awaitingAcceptance) {
            throw new IllegalStateException("accept or abandon the literal first");
        }
        while (true) {
            SegmentReader.Piece piece = segments.next(in);
            if (piece == null) {
                return null;
            }
            if (piece instanceof SegmentReader.Literal literal) {
                args.add(new Token.Literal(literal.bytes()));
                continue;
            }
            if (piece instanceof SegmentReader.TooLong) {
                reset();
                return new TooLong();
            }
            Result result = segment(((SegmentReader.Segment) piece).text());
            if (result != null) {
                return result;
            }
        }
    }

    /** The continuation was sent: the literal's bytes come next. */
    void acceptLiteral() {
        awaitingAcceptance = false;
    }

    /** The synchronising literal was refused: forget the command (the client will not send it). */
    void abandon() {
        reset();
    }

    /** Handles one segment; null when the command goes on with a non-synchronising literal. */
    private Result segment(String text) {
        String rest = text;
        if (tag == null) {
            int space = text.indexOf(' ');
            tag = space < 0 ? text : text.substring(0, space);
            if (space < 0) {
                return complete();
            }
            int nameEnd = text.indexOf(' ', space + 1);
            name = nameEnd < 0 ? text.substring(space + 1) : text.substring(space + 1, nameEnd);
            rest = nameEnd < 0 ? "" : text.substring(nameEnd);
        }
        ArgumentLexer.LiteralSpec literal = ArgumentLexer.lex(rest, args);
        if (literal == null) {
            return complete();
        }
        if (literal.size() > maxLiteralSize || literalBytes + literal.size() > 2L * maxLiteralSize) {
            String commandTag = tag;
            reset();
            return new LiteralTooLarge(commandTag, literal.synchronising());
        }
        literalBytes += literal.size();
        segments.expectLiteral(literal.size());
        if (literal.synchronising()) {
            awaitingAcceptance = true;
            return new SyncLiteral(tag, name);
        }
        return null;
    }

    private Result complete() {
        Command command = new Command(tag, name == null || name.isEmpty() ? null : name, args);
        reset();
        return command;
    }

    private void reset() {
        tag = null;
        name = null;
        args = new ArrayList<>();
        segments.reset();
        literalBytes = 0;
        awaitingAcceptance = false;
    }
}
