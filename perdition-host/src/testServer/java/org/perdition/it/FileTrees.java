package org.perdition.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small file helpers for fixtures: clean-up must never hide the test's own failure. */
final class FileTrees {

    private FileTrees() {
    }

    /** Deletes a directory tree, children first; errors are ignored (it is a temp dir). */
    static void deleteQuietly(Path top) {
        if (!Files.exists(top)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(top)) {
            paths.sorted(Comparator.reverseOrder()).forEach(FileTrees::deleteOne);
        } catch (IOException | RuntimeException ignored) {
            // best effort: a leftover temp dir is harmless
        }
    }

    /** The file as text, or "" when it does not exist or cannot be read. */
    static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteOne(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
