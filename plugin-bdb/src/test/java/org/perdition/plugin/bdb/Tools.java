package org.perdition.plugin.bdb;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;

/** The real Debian tools (perdition's makebdb, db-util's db_dump/db_load/db_verify), and test helpers. */
final class Tools {

    private Tools() {
    }

    /** The tool's path; the test is skipped where it is not installed (CI installs perdition and db-util). */
    static String require(String name) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        assumeTrue(false, name + " is not installed");
        return null;
    }

    record Result(int status, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    static Result run(byte[] stdin, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        int status = process.waitFor();
        return new Result(status, out.join(), new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** db_dump's default (hex) output, parsed: key -> value, as hex strings. */
    static Map<String, String> dbDump(Path database) throws IOException, InterruptedException {
        Result result = run(new byte[0], require("db_dump"), database.toString());
        if (result.status() != 0) {
            throw new AssertionError("db_dump failed: " + result.stderr());
        }
        List<String> data = new ArrayList<>();
        boolean inData = false;
        for (String line : result.out().split("\n")) {
            if (line.equals("HEADER=END")) {
                inData = true;
            } else if (line.equals("DATA=END")) {
                inData = false;
            } else if (inData) {
                data.add(line.substring(1));
            }
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i + 1 < data.size(); i += 2) {
            pairs.put(data.get(i), data.get(i + 1));
        }
        return pairs;
    }

    static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** perdition's flat popmap text for the pairs. */
    static byte[] popmap(Map<String, String> pairs) {
        StringBuilder text = new StringBuilder();
        pairs.forEach((key, value) -> text.append(key).append(':').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** db_load's "-T" input: key line, value line, ... */
    static byte[] keyValueLines(Map<String, String> pairs) {
        StringBuilder text = new StringBuilder();
        pairs.forEach((key, value) -> text.append(key).append('\n').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Pairs with every value form of spec §4 (host, host:port, user@host:port, [v6]:port) and UTF-8 keys. */
    static Map<String, String> popmapEntries(int count) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String value = switch (i % 4) {
                case 0 -> "imap" + i + ".example.org";
                case 1 -> "imap" + i + ".example.org:143";
                case 2 -> "user" + i + "@mail" + (i % 97) + ".example.com:993";
                default -> "[2001:db8::" + Integer.toHexString(i & 0xffff) + "]:110";
            };
            String key = i % 10 == 7 ? "jürgen" + i + "@exämple.de" : "user" + i;
            pairs.put(key, value);
        }
        return pairs;
    }

    /** Runs our makebdb in-process; returns the exit status and stderr. */
    static Result makebdb(Path database, byte[] popmap) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = MakeBdb.run(new String[] {database.toString()}, popmap, out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static BdbLookup lookupFor(Path database) {
        BdbLookup lookup = new BdbLookup();
        lookup.init(new PluginContext(java.util.Optional.of(database.toString()), "@", "IMAP4"));
        return lookup;
    }

    static LookupResult lookup(BdbLookup lookup, String key) throws LookupException {
        return lookup.lookup(LookupRequest.of(key));
    }
}
