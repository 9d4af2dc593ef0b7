package org.perdition.plugin.gdbm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * perdition's flat popmap as makegdbm reads it (spec §5.1): one {@code key:value} per line, split
 * at the FIRST {@code :}, no trimming, no comments ({@code # c:x} is key {@code # c}), a CR before
 * the newline stays in the value, blank lines are skipped, key and value must be non-empty.
 * Bytes are kept as they are (no charset decoding).
 *
 * <p>Differences from perdition's makegdbm, on purpose (issue 4): a malformed line is an error
 * for the whole input (perdition skips it and still exits 0), and lines are not cut at 4095
 * bytes (perdition's fgets buffer would split a longer line in two).
 */
public final class PopmapInput {

    /** @param entries {key, value} pairs, first occurrence of each key; @param duplicates keys seen again */
    public record Parsed(List<byte[][]> entries, List<byte[]> duplicates) {
    }

    /** A line that is not {@code key:value}; {@code line} counts from 1. */
    public static final class MalformedLineException extends Exception {
        private final int line;

        MalformedLineException(int line) {
            super("invalid input on line: " + line);   // perdition's makegdbm wording
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private PopmapInput() {
    }

    public static Parsed parse(byte[] input) throws MalformedLineException {
        List<byte[][]> entries = new ArrayList<>();
        List<byte[]> duplicates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int lineNumber = 0;
        int start = 0;
        while (start < input.length) {
            int end = indexOf(input, (byte) '\n', start, input.length);
            int lineEnd = end < 0 ? input.length : end;
            lineNumber++;
            if (lineEnd > start) {
                int colon = indexOf(input, (byte) ':', start, lineEnd);
                if (colon <= start || colon == lineEnd - 1) {
                    throw new MalformedLineException(lineNumber);
                }
                byte[] key = Arrays.copyOfRange(input, start, colon);
                byte[] value = Arrays.copyOfRange(input, colon + 1, lineEnd);
                // ISO-8859-1 maps bytes 1:1, so the set compares raw bytes
                if (seen.add(new String(key, StandardCharsets.ISO_8859_1))) {
                    entries.add(new byte[][] {key, value});
                } else {
                    duplicates.add(key);
                }
            }
            start = lineEnd + 1;
        }
        return new Parsed(entries, duplicates);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
