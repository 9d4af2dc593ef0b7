package org.perdition.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs perdition's own makegdbm and makebdb on a popmap text file ({@code key:value} lines). */
final class NativeMapTools {

    private NativeMapTools() {
    }

    static void make(Map<String, String> entries, Path directory, Path gdbm, Path bdb) throws IOException {
        StringBuilder text = new StringBuilder(entries.size() * 48);
        entries.forEach((key, value) -> text.append(key).append(':').append(value).append('\n'));
        Path popmap = Files.writeString(directory.resolve("popmap"), text, StandardCharsets.UTF_8);
        run(popmap, "makegdbm", gdbm);
        run(popmap, "makebdb", bdb);
    }

    private static void run(Path input, String tool, Path output) throws IOException {
        Process process = new ProcessBuilder(tool, output.toString())
                .redirectInput(input.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            int status = process.waitFor();
            if (status != 0) {
                throw new IOException(tool + " exited with status " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(tool + " interrupted", e);
        }
    }
}
