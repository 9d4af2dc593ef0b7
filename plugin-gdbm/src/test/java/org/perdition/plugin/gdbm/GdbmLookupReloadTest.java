package org.perdition.plugin.gdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;

/** Option handling, missing files and reloading when the map is rebuilt (spec §5.1: changes visible at once). */
class GdbmLookupReloadTest {

    @TempDir
    Path dir;

    private static byte[] map(String... keyValues) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            entries.put(keyValues[i], keyValues[i + 1]);
        }
        return GdbmWriter.write(FormatVariantsTest.pairs(entries));
    }

    @Test
    void defaultPathIsPerditions() {
        GdbmLookup lookup = new GdbmLookup();
        lookup.init(new PluginContext(Optional.empty(), "@", "POP3"));
        assertThat(lookup.file()).isEqualTo(Path.of("/etc/perdition/popmap.gdbm.db"));
        lookup.init(new PluginContext(Optional.of(""), "@", "POP3"));
        assertThat(lookup.file()).isEqualTo(Path.of(GdbmLookup.DEFAULT_FILE));
    }

    @Test
    void aMissingFileFailsEachLookupNotInit() throws Exception {
        Path db = dir.resolve("later.db");
        GdbmLookup lookup = LookupAssertions.open(db);

        assertThatThrownBy(() -> lookup.lookup(LookupRequest.of("alice")))
                .isInstanceOfSatisfying(LookupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS);
                    assertThat(e.getMessage()).contains(db.toString()).contains("No such file");
                });

        Files.write(db, map("alice", "imap1.example.org"));
        assertThat(lookup.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("imap1.example.org"));

        Files.delete(db);
        assertThatThrownBy(() -> lookup.lookup(LookupRequest.of("alice"))).isInstanceOf(LookupException.class);
    }

    @Test
    void aRenameReplacementIsSeenAtTheNextLookup() throws Exception {
        Path db = dir.resolve("popmap.gdbm.db");
        Files.write(db, map("alice", "old.example.org"));
        GdbmLookup lookup = LookupAssertions.open(db);
        assertThat(lookup.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("old.example.org"));

        Path next = Files.write(dir.resolve("next"), map("alice", "new.example.org", "bob", "b.example.org"));
        Files.setLastModifiedTime(next, Files.getLastModifiedTime(db));   // same mtime: the inode tells
        Files.move(next, db, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(lookup.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("new.example.org"));
        assertThat(lookup.lookup(LookupRequest.of("bob"))).isEqualTo(LookupResult.found("b.example.org"));
    }

    @Test
    void anInPlaceRewriteIsSeenAtTheNextLookup() throws Exception {
        Path db = dir.resolve("inplace.db");
        Files.write(db, map("alice", "one.example.org"));
        GdbmLookup lookup = LookupAssertions.open(db);
        assertThat(lookup.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("one.example.org"));

        // same size, as Debian's makegdbm truncating and rewriting the same inode
        Files.write(db, map("alice", "two.example.org"));
        Files.setLastModifiedTime(db, FileTime.fromMillis(Files.getLastModifiedTime(db).toMillis() + 5_000));

        assertThat(lookup.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("two.example.org"));
    }

    @Test
    void aCorruptReplacementIsAnAccessErrorAndAGoodOneRecovers() throws Exception {
        Path db = dir.resolve("flip.db");
        Files.write(db, map("alice", "a.example.org"));
        GdbmLookup lookup = LookupAssertions.open(db);
        assertThat(lookup.lookup(LookupRequest.of("alice"))).isInstanceOf(LookupResult.Found.class);

        Files.write(db, new byte[100]);
        assertThatThrownBy(() -> lookup.lookup(LookupRequest.of("alice"))).isInstanceOf(LookupException.class)
                .hasMessageContaining("not a readable GDBM file");

        Files.write(db, map("alice", "back.example.org"));
        assertThat(lookup.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("back.example.org"));
    }

    @Test
    void storedTrailingNulsOfOlderMakegdbmBuildsAreAccepted() throws Exception {
        Path db = dir.resolve("nul.db");
        Files.write(db, GdbmWriter.write(List.<byte[][]>of(new byte[][] {"carol\0".getBytes(), "c.example.org\0".getBytes()})));
        GdbmLookup lookup = LookupAssertions.open(db);

        assertThat(lookup.lookup(LookupRequest.of("carol"))).isEqualTo(LookupResult.found("c.example.org"));
        assertThat(lookup.lookup(LookupRequest.of("caro"))).isInstanceOf(LookupResult.NotFound.class);
    }

    @Test
    void reloadRereadsTheFile() throws Exception {
        Path db = dir.resolve("hup.db");
        Files.write(db, map("alice", "a.example.org"));
        GdbmLookup lookup = LookupAssertions.open(db);
        assertThat(lookup.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("a.example.org"));

        lookup.reload();

        assertThat(lookup.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("a.example.org"));
    }
}
