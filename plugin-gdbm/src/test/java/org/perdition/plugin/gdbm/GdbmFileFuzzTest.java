package org.perdition.plugin.gdbm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 4: the gdbm reader on arbitrary bytes. GdbmFile documents that a corrupt file gives
 * {@link GdbmFormatException}, "never another exception, a hang or a huge allocation"; so the
 * only outcomes allowed here are a value, null (absent) or that exception. Anything else
 * (an index out of bounds, an overflow, an OutOfMemoryError) escapes and fails the test.
 *
 * <p>Without JAZZER_FUZZ=1 this runs in regression mode over the files in
 * {@code GdbmFileFuzzTestInputs/readsOrRejects} (small maps from GdbmWriter, truncated and
 * patched variants). Input layout: the database file, then from the end a probe key of 0..8
 * bytes preceded by its length byte; a seed ending in one 0 byte is the file with an empty probe.
 */
class GdbmFileFuzzTest {

    private static final byte[][] KNOWN_KEYS = {
        "alice".getBytes(StandardCharsets.ISO_8859_1), "bob".getBytes(StandardCharsets.ISO_8859_1), new byte[0],
    };

    @FuzzTest(maxDuration = "30s")
    void readsOrRejects(FuzzedDataProvider data) {
        int probeLength = data.consumeInt(0, 8);
        byte[] probe = new byte[probeLength];
        for (int i = 0; i < probeLength; i++) {
            probe[i] = data.consumeByte();
        }
        byte[] bytes = data.consumeRemainingAsBytes();
        GdbmFile file;
        try {
            file = GdbmFile.of(bytes);
        } catch (GdbmFormatException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
            return;
        }
        List<byte[]> keys = new ArrayList<>(List.of(KNOWN_KEYS));
        keys.add(probe);
        try {
            file.forEach((key, value) -> {
                assertThat(key).isNotNull();
                assertThat(value).isNotNull();
                keys.add(key);
            });
        } catch (GdbmFormatException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
        for (byte[] key : keys) {
            try {
                file.fetch(key); // a value or null: both documented
            } catch (GdbmFormatException rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
            }
        }
    }
}
