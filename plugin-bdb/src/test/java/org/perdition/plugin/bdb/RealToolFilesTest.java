package org.perdition.plugin.bdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.perdition.plugin.api.LookupResult;

/** Files written by Debian's real makebdb and db_load (libdb 5.3), read back through BdbLookup. */
class RealToolFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {10, 10_000, 200_000})
    void everyEntryOfARealMakebdbFileIsFound(int count) throws Exception {
        String makebdb = Tools.require("makebdb");
        Map<String, String> pairs = Tools.popmapEntries(count);
        Path db = dir.resolve("popmap.bdb.db");
        Tools.Result made = Tools.run(Tools.popmap(pairs), makebdb, db.toString());
        assertThat(made.status()).as(made.stderr()).isZero();

        BdbLookup lookup = Tools.lookupFor(db);
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            assertThat(Tools.lookup(lookup, pair.getKey())).isEqualTo(LookupResult.found(pair.getValue()));
        }
        assertThat(Tools.lookup(lookup, "nobody")).isEqualTo(LookupResult.notFound());
        assertThat(Tools.lookup(lookup, "user1x")).isEqualTo(LookupResult.notFound());
    }

    @Test
    void emptyKeyAndSpacesAreKeptAsMakebdbStoresThem() throws Exception {
        String makebdb = Tools.require("makebdb");
        Path db = dir.resolve("p.db");
        byte[] input = ":empty\nspacey : host \nbob:imap2.example.org:143\n".getBytes();
        assertThat(Tools.run(input, makebdb, db.toString()).status()).isZero();
        BdbLookup lookup = Tools.lookupFor(db);
        assertThat(Tools.lookup(lookup, "")).isEqualTo(LookupResult.found("empty"));
        assertThat(Tools.lookup(lookup, "spacey ")).isEqualTo(LookupResult.found(" host "));
        assertThat(Tools.lookup(lookup, "bob")).isEqualTo(LookupResult.found("imap2.example.org:143"));
    }

    /** db_load writes what makebdb cannot (lines over 4095 bytes): overflow pages, big-endian, btree. */
    @ParameterizedTest
    @ValueSource(strings = {"hash", "hash-be", "btree", "btree-be", "hash-512", "btree-512"})
    void dbLoadFilesWithItemsLargerThanAPage(String variant) throws Exception {
        String dbLoad = Tools.require("db_load");
        Map<String, String> pairs = new LinkedHashMap<>(Tools.popmapEntries(3000));
        pairs.put("big-value", "v".repeat(9000) + ".example.org");
        pairs.put("k".repeat(5000), "big-key.example.org:143");
        pairs.put("K".repeat(20_000), "w".repeat(70_000));
        pairs.put("quarter", "q".repeat(1025));
        Path db = dir.resolve(variant + ".db");
        String type = variant.startsWith("hash") ? "hash" : "btree";
        var command = new java.util.ArrayList<>(java.util.List.of(dbLoad, "-T", "-t", type));
        if (variant.endsWith("-be")) {
            command.addAll(java.util.List.of("-c", "db_lorder=4321"));
        }
        if (variant.endsWith("-512")) {
            command.addAll(java.util.List.of("-c", "db_pagesize=512"));
        }
        command.add(db.toString());
        Tools.Result loaded = Tools.run(Tools.keyValueLines(pairs), command.toArray(String[]::new));
        assertThat(loaded.status()).as(loaded.stderr()).isZero();

        BdbDatabase database = BdbDatabase.open(Files.readAllBytes(db));
        assertThat(database).isInstanceOf(type.equals("hash") ? HashDatabase.class : BtreeDatabase.class);
        BdbLookup lookup = Tools.lookupFor(db);
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            assertThat(Tools.lookup(lookup, pair.getKey())).isEqualTo(LookupResult.found(pair.getValue()));
        }
        assertThat(Tools.lookup(lookup, "k".repeat(4999))).isEqualTo(LookupResult.notFound());
        Map<String, String> all = new LinkedHashMap<>();
        database.forEach((key, value) -> all.put(new String(key, java.nio.charset.StandardCharsets.UTF_8),
                new String(value, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(all).isEqualTo(pairs);
    }
}
