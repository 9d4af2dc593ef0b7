package org.perdition.plugin.gdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;

/**
 * Truncated, bit-flipped and foreign files: a lookup gives a value, NotFound or an ACCESS
 * LookupException, never another exception, a hang or an out-of-memory error. A deterministic
 * regression "fuzz" (fixed seeds) over a file from our writer and, when installed, one from the
 * real makegdbm.
 */
class CorruptFileTest {

    @TempDir
    Path dir;

    private static final List<String> KEYS = List.of("user0", "user1@example.com", "jürgen.öß2", "名前3@例え.jp", "nobody");

    @Test
    void truncatedAndBitFlippedFilesFromOurWriter() throws Exception {
        fuzz(GdbmWriter.write(FormatVariantsTest.pairs(Popmaps.of(400))));
    }

    @Test
    void truncatedAndBitFlippedFilesFromRealMakegdbm() throws Exception {
        RealTools.assumeInstalled("makegdbm");
        Path db = dir.resolve("real.db");
        RealTools.run(RealTools.popmap(Popmaps.of(400), dir.resolve("popmap")), "makegdbm", db.toString());
        fuzz(Files.readAllBytes(db));
    }

    @Test
    void foreignFilesAreAccessErrorsNamingTheFile() throws Exception {
        Path db = dir.resolve("foreign.db");
        GdbmLookup lookup = LookupAssertions.open(db);
        for (byte[] content : new byte[][] {new byte[0], "alice:imap1.example.org\n".getBytes(), new byte[8192]}) {
            Files.write(db, content);
            assertThatThrownBy(() -> lookup.lookup(LookupRequest.of("alice")))
                    .isInstanceOfSatisfying(LookupException.class, e -> {
                        assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS);
                        assertThat(e.getMessage()).contains(db.toString());
                    });
        }
    }

    private void fuzz(byte[] original) {
        Path db = dir.resolve("fuzz.db");
        GdbmLookup lookup = LookupAssertions.open(db);
        int[] outcomes = new int[3];   // found / not found / access error
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int length = 0; length < original.length; length += length < 256 ? 7 : 997) {
                probe(lookup, db, Arrays.copyOf(original, length), outcomes);
            }
            Random random = new Random(4);
            for (int round = 0; round < 600; round++) {
                byte[] damaged = original.clone();
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    // half of the flips hit the header, directory and first bucket, where the pointers are
                    int at = random.nextBoolean() ? random.nextInt(Math.min(original.length, 12_288)) : random.nextInt(original.length);
                    damaged[at] ^= (byte) (1 << random.nextInt(8));
                }
                probe(lookup, db, damaged, outcomes);
            }
        });
        assertThat(outcomes[2]).as("some damaged files are refused").isPositive();
        assertThat(outcomes[0]).as("some damaged files still answer").isPositive();
    }

    private static void probe(GdbmLookup lookup, Path db, byte[] content, int[] outcomes) throws Exception {
        Files.write(db, content);
        for (String key : KEYS) {
            try {
                LookupResult result = lookup.lookup(LookupRequest.of(key));
                outcomes[result instanceof LookupResult.Found ? 0 : 1]++;
            } catch (LookupException e) {
                assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS);
                outcomes[2]++;
            }
        }
    }
}
