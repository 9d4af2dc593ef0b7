package org.perdition.plugin.bdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.perdition.plugin.api.LookupException;

/**
 * A deterministic regression fuzz: truncated and bit-flipped databases give a LookupException,
 * a value or "not found", never another exception, never a hang (issue 4, "Bad input").
 */
class CorruptFileTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ours", "hash-be", "btree"})
    void truncatedAndBitFlippedFilesFailCleanly(String variant) throws Exception {
        Map<String, String> pairs = new LinkedHashMap<>(Tools.popmapEntries(300));
        pairs.put("big", "b".repeat(6000));
        pairs.put("k".repeat(3000), "big-key");
        byte[] good = build(variant, pairs);
        String[] keys = {"user1", "user42", "big", "k".repeat(3000), "absent"};
        Random random = new Random(20240604);

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int outcomes = 0;
            for (int length = 0; length < good.length; length += 97) {
                outcomes += tryAll(Arrays.copyOf(good, length), keys);
            }
            for (int round = 0; round < 1500; round++) {
                byte[] bad = good.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    // bias towards the meta page and page headers, where most structure lives
                    int offset = random.nextInt(4) == 0 ? random.nextInt(Math.min(bad.length, 256))
                            : random.nextInt(bad.length);
                    bad[offset] ^= (byte) (1 << random.nextInt(8));
                }
                outcomes += tryAll(bad, keys);
            }
            assertThat(outcomes).isPositive();
        });
    }

    private int tryAll(byte[] bytes, String[] keys) throws Exception {
        Path db = dir.resolve("fuzz.db");
        Files.write(db, bytes);
        BdbLookup lookup = Tools.lookupFor(db);
        int outcomes = 0;
        for (String key : keys) {
            try {
                assertThat(Tools.lookup(lookup, key)).isNotNull();
            } catch (LookupException expected) {
                assertThat(expected.kind()).isEqualTo(LookupException.Kind.ACCESS);
            }
            outcomes++;
        }
        try {
            BdbDatabase.open(bytes).forEach((k, v) -> { });
        } catch (BdbFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        return outcomes;
    }

    private byte[] build(String variant, Map<String, String> pairs) throws Exception {
        Path db = dir.resolve("good.db");
        if (variant.equals("ours")) {
            Tools.makebdb(db, Tools.popmap(pairs));
        } else {
            String dbLoad = Tools.require("db_load");
            Tools.Result loaded = variant.equals("btree")
                    ? Tools.run(Tools.keyValueLines(pairs), dbLoad, "-T", "-t", "btree", db.toString())
                    : Tools.run(Tools.keyValueLines(pairs), dbLoad, "-T", "-t", "hash", "-c", "db_lorder=4321",
                            db.toString());
            assertThat(loaded.status()).as(loaded.stderr()).isZero();
        }
        return Files.readAllBytes(db);
    }
}
