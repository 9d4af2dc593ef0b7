package org.perdition.plugin.bdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * perdition's flat popmap as makegdbm/makebdb read it (spec §5.1, §5.2): one {@code key:value}
 * per line, split at the FIRST ':', nothing trimmed (a CR before the newline stays in the
 * value), no comments, blank lines skipped; an empty key or value is accepted, as makebdb does.
 * Bytes are kept as they are: keys are byte strings, not text.
 */
final class PopmapInput {

    /** A line without ':'; {@code line} counts from 1. */
    static final class MalformedLineException extends Exception {
        final int line;

        MalformedLineException(int line) {
            super("invalid input on line: " + line);
            this.line = line;
        }
    }

    private PopmapInput() {
    }

    /**
     * The pairs in input order; a repeated key keeps its first value (makebdb's DB_NOOVERWRITE)
     * and is reported to {@code duplicate}.
     */
    static List<HashFileWriter.Entry> parse(byte[] input, Consumer<byte[]> duplicate) throws MalformedLineException {
        List<HashFileWriter.Entry> entries = new ArrayList<>();
        Set<Key> seen = new HashSet<>();
        int lineNumber = 0;
        int start = 0;
        while (start < input.length) {
            int end = indexOf(input, (byte) '\n', start, input.length);
            int next = end < 0 ? input.length : end + 1;
            if (end < 0) {
                end = input.length;
            }
            lineNumber++;
            if (end > start) {
                int colon = indexOf(input, (byte) ':', start, end);
                if (colon < 0) {
                    throw new MalformedLineException(lineNumber);
                }
                byte[] key = Arrays.copyOfRange(input, start, colon);
                byte[] value = Arrays.copyOfRange(input, colon + 1, end);
                if (seen.add(new Key(key))) {
                    entries.add(new HashFileWriter.Entry(key, value));
                } else {
                    duplicate.accept(key);
                }
            }
            start = next;
        }
        return entries;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** byte[] with value equality, for the duplicate check. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(bytes, key.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
