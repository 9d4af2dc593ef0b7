package org.perdition.plugin.bdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.perdition.plugin.api.LookupResult;

/** Our makebdb: read back through BdbLookup, and cross-checked with the real db_verify and db_dump. */
class OurMakebdbTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 10_000, 200_000})
    void ourFileIsReadByUsAndByLibdb(int count) throws Exception {
        Map<String, String> pairs = new LinkedHashMap<>(Tools.popmapEntries(count));
        if (count == 10_000) {
            pairs.put("big-value", "v".repeat(9000) + ".example.org");
            pairs.put("k".repeat(5000), "big-key.example.org:143");
            pairs.put("k".repeat(5001), "bigger-key.example.org:143");
            pairs.put("k".repeat(50), "prefix-key");
            pairs.put("quarter", "q".repeat(1024));
        }
        Path db = dir.resolve("popmap.bdb.db");
        Tools.Result made = Tools.makebdb(db, Tools.popmap(pairs));
        assertThat(made.status()).as(made.stderr()).isZero();

        BdbLookup lookup = Tools.lookupFor(db);
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            assertThat(Tools.lookup(lookup, pair.getKey())).isEqualTo(LookupResult.found(pair.getValue()));
        }
        assertThat(Tools.lookup(lookup, "nobody")).isEqualTo(LookupResult.notFound());
        crossCheckWithLibdb(db, pairs);
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 1024, 8192, 65536})
    void otherPageSizesAndBigEndianAreValidToo(int pageSize) throws Exception {
        Map<String, String> pairs = new LinkedHashMap<>(Tools.popmapEntries(2000));
        pairs.put("big", "b".repeat(3 * pageSize));
        List<HashFileWriter.Entry> entries = new ArrayList<>();
        pairs.forEach((k, v) -> entries.add(new HashFileWriter.Entry(k.getBytes(StandardCharsets.UTF_8),
                v.getBytes(StandardCharsets.UTF_8))));
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            Path db = dir.resolve(pageSize + "-" + order + ".db");
            Files.write(db, new HashFileWriter(pageSize, order).write(entries));
            BdbLookup lookup = Tools.lookupFor(db);
            for (Map.Entry<String, String> pair : pairs.entrySet()) {
                assertThat(Tools.lookup(lookup, pair.getKey())).isEqualTo(LookupResult.found(pair.getValue()));
            }
            crossCheckWithLibdb(db, pairs);
        }
    }

    @Test
    void malformedLineKeepsTheOldDatabase() throws Exception {
        Path db = dir.resolve("p.db");
        assertThat(Tools.makebdb(db, "alice:imap1\n".getBytes()).status()).isZero();
        byte[] before = Files.readAllBytes(db);

        Tools.Result bad = Tools.makebdb(db, "bob:imap2\n\nno colon here\n".getBytes());

        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.stderr()).contains("invalid input on line: 3");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(db);   // no temporary file left behind
        }
    }

    @Test
    void lineRulesFollowPerditionsMakebdb() throws Exception {
        Path db = dir.resolve("p.db");
        Tools.Result made = Tools.makebdb(db,
                "a:first\na:second\n\nb:x:y\r\n c : d \n:empty\ne:\nno-newline:last".getBytes());
        assertThat(made.status()).isZero();
        assertThat(made.stderr()).contains("duplicate key", "a");
        BdbLookup lookup = Tools.lookupFor(db);
        assertThat(Tools.lookup(lookup, "a")).isEqualTo(LookupResult.found("first"));
        assertThat(Tools.lookup(lookup, "b")).isEqualTo(LookupResult.found("x:y\r"));
        assertThat(Tools.lookup(lookup, " c ")).isEqualTo(LookupResult.found(" d "));
        assertThat(Tools.lookup(lookup, "")).isEqualTo(LookupResult.found("empty"));
        assertThat(Tools.lookup(lookup, "e")).isEqualTo(LookupResult.found(""));
        assertThat(Tools.lookup(lookup, "no-newline")).isEqualTo(LookupResult.found("last"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-r--r--");
    }

    @Test
    void dumpOptionPrintsKeyColonValue() throws Exception {
        Path db = dir.resolve("p.db");
        Tools.makebdb(db, "alice:imap1\n".getBytes());
        var out = new java.io.ByteArrayOutputStream();
        int status = MakeBdb.run(new String[] {"-u", db.toString()}, new byte[0], out, System.err);
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("alice:imap1\n");
    }

    private static void crossCheckWithLibdb(Path db, Map<String, String> pairs) throws Exception {
        Tools.Result verify = Tools.run(new byte[0], Tools.require("db_verify"), db.toString());
        assertThat(verify.status()).as(verify.stderr() + verify.out()).isZero();
        Map<String, String> expected = new LinkedHashMap<>();
        pairs.forEach((key, value) -> expected.put(Tools.hex(key), Tools.hex(value)));
        assertThat(Tools.dbDump(db)).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
