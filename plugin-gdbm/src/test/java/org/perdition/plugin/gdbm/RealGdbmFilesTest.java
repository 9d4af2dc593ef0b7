package org.perdition.plugin.gdbm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;

/** Files written by the real libgdbm 1.23 (Debian's makegdbm, gdbmtool, gdbm_load), read by our plugin. */
class RealGdbmFilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        RealTools.assumeInstalled("makegdbm");
        RealTools.assumeInstalled("gdbmtool");
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 10_000, 200_000})
    void readsEveryEntryOfMakegdbmFiles(int size) throws Exception {
        Map<String, String> entries = Popmaps.of(size);
        Path db = dir.resolve("popmap.gdbm.db");
        RealTools.run(RealTools.popmap(entries, dir.resolve("popmap")), "makegdbm", db.toString());

        assertThat(GdbmFile.of(Files.readAllBytes(db)).describe()).isEqualTo("standard, 64-bit offsets, little-endian");
        LookupAssertions.assertReadsBack(db, entries);
    }

    @Test
    void readsTheNumsyncVariant() throws Exception {
        Map<String, String> entries = Popmaps.of(2_000);
        Path db = dir.resolve("numsync.db");
        RealTools.run(RealTools.popmap(entries, dir.resolve("popmap")), "makegdbm", db.toString());
        RealTools.run(null, "gdbmtool", db.toString(), "upgrade");

        byte[] bytes = Files.readAllBytes(db);
        assertThat(bytes[0] & 0xFF).as("numsync magic 0x13579ad1, low byte").isEqualTo(0xd1);
        assertThat(GdbmFile.of(bytes).describe()).startsWith("numsync, 64-bit");
        LookupAssertions.assertReadsBack(db, entries);
    }

    @Test
    void readsItemsLongerThanABlock() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>(Popmaps.of(50));
        entries.put("k".repeat(5000), "big.example.org:143");
        entries.put("longvalue", "u".repeat(9000) + "@host.example.org:110");
        entries.put("ü".repeat(3000), "[2001:db8::1]:993");
        Path db = dir.resolve("long.db");
        RealTools.load(entries, db);

        assertThat(RealTools.dump(db)).containsAllEntriesOf(entries);
        LookupAssertions.assertReadsBack(db, entries);
    }

    @Test
    void readsAFileThatLibgdbmUpdatedInPlace() throws Exception {
        // stores after creation split buckets and move records around: the layout of a live database
        Map<String, String> entries = Popmaps.of(3_000);
        Path db = dir.resolve("updated.db");
        RealTools.run(RealTools.popmap(entries, dir.resolve("popmap")), "makegdbm", db.toString());
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            script.append("store added").append(i).append(" host").append(i).append(".example.org\n");
            entries.put("added" + i, "host" + i + ".example.org");
        }
        script.append("delete user0\n");
        entries.remove("user0");
        RealTools.run(Files.writeString(dir.resolve("script"), script), "gdbmtool", db.toString());

        LookupAssertions.assertReadsBack(db, entries);
        assertThat(LookupAssertions.open(db).lookup(LookupRequest.of("user0"))).isInstanceOf(LookupResult.NotFound.class);
    }
}
