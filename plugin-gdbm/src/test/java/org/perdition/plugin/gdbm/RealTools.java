package org.perdition.plugin.gdbm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs Debian's makegdbm, gdbmtool, gdbm_dump and gdbm_load; tests skip when they are missing. */
final class RealTools {

    private RealTools() {
    }

    static void assumeInstalled(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(dir, tool));
        }
        Assumptions.assumeTrue(found, tool + " is not installed (apt-get install gdbmtool perdition)");
    }

    /** Runs a command with stdin from a file (or none); returns stdout; fails the test on a non-zero exit. */
    static byte[] run(Path stdin, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("exit status of %s", String.join(" ", command)).isZero();
        return out;
    }

    /** Every item of a GDBM file as libgdbm sees it, from {@code gdbm_dump}'s ASCII format (base64 items). */
    static Map<String, String> dump(Path db) throws IOException, InterruptedException {
        String text = new String(run(null, "gdbm_dump", db.toString()), StandardCharsets.US_ASCII);
        List<byte[]> items = new ArrayList<>();
        StringBuilder base64 = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("#:len=")) {
                flush(base64, items);
                base64 = new StringBuilder();
            } else if (line.startsWith("#")) {
                flush(base64, items);
                base64 = null;
            } else if (base64 != null) {
                base64.append(line);
            }
        }
        flush(base64, items);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            map.put(new String(items.get(i), StandardCharsets.UTF_8), new String(items.get(i + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    private static void flush(StringBuilder base64, List<byte[]> items) {
        if (base64 != null) {
            items.add(Base64.getDecoder().decode(base64.toString()));
        }
    }

    /** Builds a GDBM file with libgdbm itself (gdbm_load), for items makegdbm cannot take (lines over 4095 bytes). */
    static void load(Map<String, String> entries, Path db) throws IOException, InterruptedException {
        StringBuilder dump = new StringBuilder("# GDBM dump file\n#:version=1.1\n#:format=standard\n# End of header\n");
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            for (String item : new String[] {entry.getKey(), entry.getValue()}) {
                byte[] bytes = item.getBytes(StandardCharsets.UTF_8);
                dump.append("#:len=").append(bytes.length).append('\n')
                        .append(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(bytes)).append('\n');
            }
        }
        dump.append("#:count=").append(entries.size()).append("\n# End of data\n");
        Path dumpFile = Files.writeString(db.resolveSibling(db.getFileName() + ".dump"), dump);
        run(null, "gdbm_load", dumpFile.toString(), db.toString());
    }

    /** The popmap text for these entries, one {@code key:value} line each. */
    static Path popmap(Map<String, String> entries, Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        entries.forEach((key, value) -> text.append(key).append(':').append(value).append('\n'));
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
