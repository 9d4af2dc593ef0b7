package org.perdition.benchmark.side;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * What the load generator waits for after a command: it consumes the server's bytes as they come
 * and says when the response is complete. Literals and message bodies are skipped by counting,
 * never copied, so a 10 MiB fetch costs the generator little.
 */
interface Expect {

    /** Consumes bytes of {@code in}; true once the response is complete (no byte after it is read). */
    boolean consume(ByteBuf in) throws IOException;

    /** One line that must start with {@code ok} (a greeting, a POP3 reply). */
    static Expect line(String ok) {
        return new Lines(line -> true, line -> line.startsWith(ok));
    }

    /** IMAP: untagged lines (and their literals) until the line tagged {@code tag}, which must be OK. */
    static Expect tagged(String tag) {
        String prefix = tag + " ";
        return new Lines(line -> line.startsWith(prefix), line -> line.startsWith(prefix + "OK"));
    }

    /** POP3 multi-line: a {@code +OK} line, then the body up to CRLF.CRLF. */
    static Expect multiLine() {
        return new MultiLine();
    }

    /** Line reader with IMAP literal skipping ({@code {N}} at a line's end: N bytes follow). */
    final class Lines implements Expect {
        private final Predicate<String> last;
        private final Predicate<String> good;
        private final StringBuilder line = new StringBuilder();
        private long literal;

        Lines(Predicate<String> last, Predicate<String> good) {
            this.last = last;
            this.good = good;
        }

        @Override
        public boolean consume(ByteBuf in) throws IOException {
            while (in.isReadable()) {
                if (literal > 0) {
                    int skip = (int) Math.min(literal, in.readableBytes());
                    in.skipBytes(skip);
                    literal -= skip;
                    continue;
                }
                int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                int end = lf < 0 ? in.writerIndex() : lf + 1;
                line.append(in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1));
                in.readerIndex(end);
                if (lf < 0) {
                    return false;
                }
                String text = line.toString().strip();
                line.setLength(0);
                if (last.test(text)) {
                    if (!good.test(text)) {
                        throw new IOException("server said: " + text);
                    }
                    return true;
                }
                literal = literalLength(text);
            }
            return false;
        }

        private static long literalLength(String text) {
            if (!text.endsWith("}")) {
                return 0;
            }
            int open = text.lastIndexOf('{');
            try {
                return open < 0 ? 0 : Long.parseLong(text.substring(open + 1, text.length() - 1));
            } catch (NumberFormatException notALiteral) {
                return 0;
            }
        }
    }

    /**
     * A POP3 multi-line reply. The reply ends the byte stream (the client sends nothing before it is
     * complete), and a body line "." is dot-stuffed, so the reply is complete exactly when the bytes
     * read so far end with CRLF.CRLF: only the last five bytes are kept.
     */
    final class MultiLine implements Expect {
        private static final byte[] END = {'\r', '\n', '.', '\r', '\n'};
        private final Lines status = new Lines(line -> true, line -> line.startsWith("+OK"));
        private boolean statusRead;
        private final byte[] window = {0, 0, 0, '\r', '\n'};   // the status line's CRLF counts

        @Override
        public boolean consume(ByteBuf in) throws IOException {
            if (!statusRead) {
                statusRead = status.consume(in);
                if (!statusRead) {
                    return false;
                }
            }
            int n = in.readableBytes();
            if (n == 0) {
                return false;
            }
            int keep = Math.min(n, 5);
            System.arraycopy(window, keep, window, 0, 5 - keep);
            in.getBytes(in.writerIndex() - keep, window, 5 - keep, keep);
            in.skipBytes(n);
            return Arrays.equals(window, END);
        }
    }
}
