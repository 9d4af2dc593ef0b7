package org.perdition.plugin.bdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;

class BdbLookupTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsAnAccessErrorAtLookupNotAtInit() {
        BdbLookup lookup = Tools.lookupFor(dir.resolve("absent.db"));
        assertThatThrownBy(() -> Tools.lookup(lookup, "alice"))
                .isInstanceOfSatisfying(LookupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS);
                    assertThat(e.getMessage()).contains("absent.db", "NoSuchFile");
                });
    }

    @Test
    void wrongFormatIsAnAccessErrorNamingTheFile() throws Exception {
        Path db = dir.resolve("text.db");
        Files.writeString(db, "alice:imap1.example.org\n".repeat(100));
        assertThatThrownBy(() -> Tools.lookup(Tools.lookupFor(db), "alice"))
                .isInstanceOfSatisfying(LookupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS);
                    assertThat(e.getMessage()).contains("text.db", "not a Berkeley DB");
                });
    }

    @Test
    void emptyOptionMeansTheDebianDefaultPath() {
        assertThat(BdbLookup.DEFAULT_FILE).isEqualTo("/etc/perdition/popmap.bdb.db");
        BdbLookup lookup = new BdbLookup();
        lookup.init(new PluginContext(Optional.of(""), "@", "POP3"));
        try {
            Tools.lookup(lookup, "no-such-user-here");   // the default file exists on this machine
        } catch (LookupException e) {
            assertThat(e).hasMessageContaining(BdbLookup.DEFAULT_FILE);
        }
    }

    @Test
    void aRenamedReplacementIsSeenAtTheNextLookup() throws Exception {
        Path db = dir.resolve("popmap.bdb.db");
        Tools.makebdb(db, "alice:old.example.org\n".getBytes());
        BdbLookup lookup = Tools.lookupFor(db);
        assertThat(Tools.lookup(lookup, "alice")).isEqualTo(LookupResult.found("old.example.org"));

        Tools.makebdb(db, "alice:new.example.org\nbob:b.example.org\n".getBytes());

        assertThat(Tools.lookup(lookup, "alice")).isEqualTo(LookupResult.found("new.example.org"));
        assertThat(Tools.lookup(lookup, "bob")).isEqualTo(LookupResult.found("b.example.org"));
    }

    @Test
    void anInPlaceRewriteWithANewMtimeIsSeen() throws Exception {
        Path db = dir.resolve("p.db");
        Path other = dir.resolve("other.db");
        Tools.makebdb(db, "alice:one\n".getBytes());
        Tools.makebdb(other, "alice:two\n".getBytes());
        BdbLookup lookup = Tools.lookupFor(db);
        assertThat(Tools.lookup(lookup, "alice")).isEqualTo(LookupResult.found("one"));

        Files.write(db, Files.readAllBytes(other));   // same inode, same size
        Files.setLastModifiedTime(db, FileTime.fromMillis(Files.getLastModifiedTime(db).toMillis() + 5000));

        assertThat(Tools.lookup(lookup, "alice")).isEqualTo(LookupResult.found("two"));
    }

    @Test
    void aFileThatDisappearsIsAnAccessErrorAgain() throws Exception {
        Path db = dir.resolve("p.db");
        Tools.makebdb(db, "alice:one\n".getBytes());
        BdbLookup lookup = Tools.lookupFor(db);
        assertThat(Tools.lookup(lookup, "alice")).isEqualTo(LookupResult.found("one"));
        Files.delete(db);
        assertThatThrownBy(() -> Tools.lookup(lookup, "alice")).isInstanceOf(LookupException.class);
    }

    @Test
    void storedTrailingNulsAreTolerated() throws Exception {
        // files from tools that stored C strings with their terminator
        Path db = dir.resolve("nul.db");
        byte[] withNul = "carol\0".getBytes(StandardCharsets.US_ASCII);
        Files.write(db, new HashFileWriter().write(List.of(
                new HashFileWriter.Entry(withNul, "mail.example.com:993\0".getBytes(StandardCharsets.US_ASCII)))));
        assertThat(Tools.lookup(Tools.lookupFor(db), "carol")).isEqualTo(LookupResult.found("mail.example.com:993"));
    }

    @Test
    void valuesAreDecodedAsUtf8() throws Exception {
        Path db = dir.resolve("u.db");
        Tools.makebdb(db, "jürgen:mäil.example.de\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Tools.lookup(Tools.lookupFor(db), "jürgen")).isEqualTo(LookupResult.found("mäil.example.de"));
    }

    @Test
    void concurrentLookupsDuringReplacementsSeeOldOrNewNeverAMix() throws Exception {
        Path db = dir.resolve("p.db");
        Path staging = dir.resolve("staging");
        Files.createDirectory(staging);
        Tools.makebdb(db, Tools.popmap(java.util.Map.of("alice", "v0", "bob", "v0")));
        BdbLookup lookup = Tools.lookupFor(db);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var readers = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < 2; t++) {
                readers.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        LookupResult alice = Tools.lookup(lookup, "alice");
                        assertThat(alice).isInstanceOf(LookupResult.Found.class);
                        assertThat(((LookupResult.Found) alice).value()).startsWith("v");
                    }
                    return null;
                }));
            }
            for (int version = 1; version <= 50; version++) {
                Path next = staging.resolve("next.db");
                Tools.makebdb(next, Tools.popmap(java.util.Map.of("alice", "v" + version, "bob", "v" + version)));
                Files.move(next, db, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            for (var reader : readers) {
                reader.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Tools.lookup(lookup, "bob")).isEqualTo(LookupResult.found("v50"));
    }
}
