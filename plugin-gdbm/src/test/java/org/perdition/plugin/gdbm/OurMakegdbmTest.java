package org.perdition.plugin.gdbm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our makegdbm: files that the real libgdbm and our plugin both read, and perdition's input rules. */
class OurMakegdbmTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int makegdbm(Path db, String input) {
        return MakeGdbm.run(new String[] {db.toString()}, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String popmapText(Map<String, String> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach((key, value) -> text.append(key).append(':').append(value).append('\n'));
        return text.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 10_000, 200_000})
    void writesMapsThatLibgdbmAndThePluginRead(int size) throws Exception {
        Map<String, String> entries = Popmaps.of(size);
        Path db = dir.resolve("popmap.gdbm.db");
        assertThat(makegdbm(db, popmapText(entries))).isZero();

        LookupAssertions.assertReadsBack(db, entries);
        RealTools.assumeInstalled("gdbm_dump");
        assertThat(RealTools.dump(db)).isEqualTo(entries);
        String count = new String(RealTools.run(null, "gdbmtool", db.toString(), "count"), StandardCharsets.UTF_8);
        assertThat(count).contains("There are " + size + " items");
        String someKey = entries.keySet().stream().skip(size / 2).findFirst().orElseThrow();
        String fetched = new String(RealTools.run(null, "gdbmtool", db.toString(), "fetch", someKey), StandardCharsets.UTF_8);
        assertThat(fetched.strip()).isEqualTo(entries.get(someKey));
    }

    @Test
    void writesItemsLongerThanABlock() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>(Popmaps.of(20));
        entries.put("k".repeat(5000), "big.example.org:143");
        entries.put("longvalue", "u".repeat(9000) + "@host.example.org:110");
        entries.put("ü".repeat(3000), "[2001:db8::1]:993");
        Path db = dir.resolve("long.db");
        assertThat(makegdbm(db, popmapText(entries))).isZero();

        LookupAssertions.assertReadsBack(db, entries);
        RealTools.assumeInstalled("gdbm_dump");
        assertThat(RealTools.dump(db)).isEqualTo(entries);
    }

    @Test
    void splitsAtTheFirstColonWithoutTrimmingAndSkipsBlankLines() throws Exception {
        Path db = dir.resolve("rules.db");
        assertThat(makegdbm(db, "\n# c:x\nspacey : host \nbob:imap2.example.org:143\r\ncrlf:h\r\n\n")).isZero();

        GdbmFile file = GdbmFile.of(Files.readAllBytes(db));
        assertThat(value(file, "# c")).isEqualTo("x");
        assertThat(value(file, "spacey ")).isEqualTo(" host ");
        assertThat(value(file, "bob")).isEqualTo("imap2.example.org:143\r");
        assertThat(value(file, "crlf")).isEqualTo("h\r");
        assertThat(Files.getPosixFilePermissions(db)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void firstDuplicateWinsWithAWarning() throws Exception {
        Path db = dir.resolve("dup.db");
        assertThat(makegdbm(db, "alice:first\nalice:second\n")).isZero();

        assertThat(value(GdbmFile.of(Files.readAllBytes(db)), "alice")).isEqualTo("first");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("makegdbm: dupicate key: alice");
    }

    @Test
    void aMalformedLineFailsWithItsNumberAndLeavesTheOldMap() throws Exception {
        Path db = dir.resolve("keep.db");
        assertThat(makegdbm(db, "alice:old.example.org\n")).isZero();
        byte[] before = Files.readAllBytes(db);

        Map<String, Integer> badInputs = Map.of(
                "a:b\nno colon here\n", 2,
                "a:b\n\n:emptykey\n", 3,   // blank lines count
                "a:b\nc:d\ne:f\nx:\n", 4);  // empty value
        for (Map.Entry<String, Integer> bad : badInputs.entrySet()) {
            err.reset();
            assertThat(makegdbm(db, bad.getKey())).as("exit status for %s", bad.getKey()).isNotZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid input on line: " + bad.getValue());
        }
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).containsExactly(db);   // no temporary file left behind
        }
    }

    @Test
    void dumpsAMapWithMinusU() throws Exception {
        Path db = dir.resolve("dump.db");
        assertThat(makegdbm(db, "alice:imap1.example.org\nbob:imap2.example.org:143\n")).isZero();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = MakeGdbm.run(new String[] {"-u", db.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).split("\n"))
                .containsExactlyInAnyOrder("alice:imap1.example.org", "bob:imap2.example.org:143");
    }

    @Test
    void usageErrorWithoutADatabase() {
        int status = MakeGdbm.run(new String[0], new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Usage: makegdbm");
    }

    private static String value(GdbmFile file, String key) throws GdbmFormatException {
        byte[] value = file.fetch(key.getBytes(StandardCharsets.UTF_8));
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
