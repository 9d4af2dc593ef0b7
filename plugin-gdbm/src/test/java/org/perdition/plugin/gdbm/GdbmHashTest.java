package org.perdition.plugin.gdbm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GdbmHashTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void matchesTheHashValuesLibgdbmStoredInAMakegdbmFile() {
        // from `gdbmtool popmap.gdbm.db bucket 0` on the 3-line popmap in the notes' format facts
        assertThat(GdbmHash.signedChar(bytes("alice"))).isEqualTo(0x78cf53fd);
        assertThat(GdbmHash.signedChar(bytes("bob"))).isEqualTo(0x4cf1be3e);
        assertThat(GdbmHash.signedChar(bytes("carol@example.com"))).isEqualTo(0x4f460e17);
    }

    @Test
    void signednessOfCharMattersOnlyForHighBytes() {
        assertThat(GdbmHash.unsignedChar(bytes("alice"))).isEqualTo(GdbmHash.signedChar(bytes("alice")));
        assertThat(GdbmHash.unsignedChar(bytes("jürgen"))).isNotEqualTo(GdbmHash.signedChar(bytes("jürgen")));
        assertThat(GdbmHash.hasHighBytes(bytes("jürgen"))).isTrue();
        assertThat(GdbmHash.hasHighBytes(bytes("alice"))).isFalse();
    }

    @Test
    void valuesHave31Bits() {
        for (String key : new String[] {"", "a", "ÿÿÿÿÿÿÿÿÿÿÿÿÿÿ", "x".repeat(10_000)}) {
            assertThat(GdbmHash.signedChar(bytes(key))).isBetween(0, Integer.MAX_VALUE);
            assertThat(GdbmHash.unsignedChar(bytes(key))).isBetween(0, Integer.MAX_VALUE);
        }
    }
}
