package org.perdition.plugin.gdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The other ABIs and byte orders gdbm 1.x writes, which this machine's libgdbm cannot produce:
 * files laid out by our writer in each struct layout, read back by the reader. (The amd64
 * standard and numsync forms are checked against the real libgdbm in RealGdbmFilesTest.)
 */
class FormatVariantsTest {

    static Stream<Arguments> variants() {
        ToIntFunction<byte[]> signed = GdbmHash::signedChar;
        ToIntFunction<byte[]> unsigned = GdbmHash::unsignedChar;
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        ByteOrder be = ByteOrder.BIG_ENDIAN;
        return Stream.of(
                Arguments.of(GdbmHeader.MAGIC32, BucketLayout.ILP32, le, signed, "standard, 32-bit offsets, little-endian"),
                Arguments.of(GdbmHeader.NUMSYNC_MAGIC32, BucketLayout.ILP32, le, signed, "numsync, 32-bit offsets, little-endian"),
                Arguments.of(GdbmHeader.OMAGIC, BucketLayout.ILP32, le, signed, "original, 32-bit offsets, little-endian"),
                Arguments.of(GdbmHeader.OMAGIC, BucketLayout.LP64, le, signed, "original, 64-bit offsets, little-endian"),
                Arguments.of(GdbmHeader.MAGIC64, BucketLayout.I386_LFS, le, signed, "standard, 64-bit offsets, little-endian"),
                Arguments.of(GdbmHeader.MAGIC64, BucketLayout.LP64, le, unsigned, "standard, 64-bit offsets, little-endian"),
                Arguments.of(GdbmHeader.MAGIC64, BucketLayout.LP64, be, unsigned, "standard, 64-bit offsets, big-endian"),
                Arguments.of(GdbmHeader.NUMSYNC_MAGIC64, BucketLayout.LP64, be, signed, "numsync, 64-bit offsets, big-endian"),
                Arguments.of(GdbmHeader.MAGIC32, BucketLayout.ILP32, be, unsigned, "standard, 32-bit offsets, big-endian"));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void readsEveryLayout(int magic, BucketLayout layout, ByteOrder order, ToIntFunction<byte[]> hash, String description)
            throws Exception {
        Map<String, String> entries = Popmaps.of(5_000);
        byte[] image = GdbmWriter.write(pairs(entries), magic, layout, order, hash);

        GdbmFile file = GdbmFile.of(image);
        assertThat(file.describe()).isEqualTo(description);
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            byte[] value = file.fetch(entry.getKey().getBytes(StandardCharsets.UTF_8));
            assertThat(value).as("value of %s", entry.getKey()).isNotNull();
            assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo(entry.getValue());
        }
        Map<String, String> scanned = new HashMap<>();
        file.forEach((key, value) -> scanned.put(new String(key, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8)));
        assertThat(scanned).isEqualTo(entries);
    }

    @Test
    void refusesUnknownMagic() {
        byte[] image = GdbmWriter.write(pairs(Popmaps.of(3)));
        image[0] = 0x42;
        assertThatThrownBy(() -> GdbmFile.of(image)).isInstanceOf(GdbmFormatException.class)
                .hasMessageContaining("not a GDBM file");
    }

    static List<byte[][]> pairs(Map<String, String> entries) {
        List<byte[][]> pairs = new ArrayList<>();
        entries.forEach((key, value) -> pairs.add(new byte[][] {
                key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)}));
        return pairs;
    }
}
