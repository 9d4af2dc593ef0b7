package org.perdition.plugin.bdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashFunctionTest {

    @Test
    void charkeyHashIsTheValueMakebdbStores() {
        // 0x5e688dd1 is h_charkey in every file Debian's makebdb / db_load wrote here (offset 92)
        assertThat(HashFunction.fnv1(HashFunction.CHARKEY)).isEqualTo(0x5e688dd1);
    }

    @Test
    void fnv1StartsFromZeroAndMultipliesBeforeXor() {
        assertThat(HashFunction.fnv1(new byte[0])).isZero();
        assertThat(HashFunction.fnv1("a".getBytes(StandardCharsets.US_ASCII))).isEqualTo('a');
        assertThat(HashFunction.fnv1("ab".getBytes(StandardCharsets.US_ASCII))).isEqualTo(('a' * 16777619) ^ 'b');
    }

    @Test
    void log2IsTheCeilingLog() {
        assertThat(HashFunction.log2(1)).isZero();
        assertThat(HashFunction.log2(2)).isEqualTo(1);
        assertThat(HashFunction.log2(3)).isEqualTo(2);
        assertThat(HashFunction.log2(4)).isEqualTo(2);
        assertThat(HashFunction.log2(5)).isEqualTo(3);
    }

    @Test
    void bucketsAboveMaxBucketFoldWithTheLowMask() {
        // 102 buckets (max 101): high mask 127, low mask 63, as in a 10,000-entry makebdb file
        assertThat(HashFunction.bucket(100, 127, 63, 101)).isEqualTo(100);
        assertThat(HashFunction.bucket(120, 127, 63, 101)).isEqualTo(120 & 63);
        assertThat(HashFunction.bucket(0xffffffff, 127, 63, 101)).isEqualTo(63);
    }

    @Test
    void pageOrderPutsTheLongerKeyFirstOnACommonPrefix() {
        byte[] user16 = "user16".getBytes(StandardCharsets.US_ASCII);
        byte[] user1626 = "user1626".getBytes(StandardCharsets.US_ASCII);
        byte[] user17 = "user17".getBytes(StandardCharsets.US_ASCII);
        assertThat(HashFileWriter.PAGE_ORDER.compare(user1626, user16)).isNegative();
        assertThat(HashFileWriter.PAGE_ORDER.compare(user16, user17)).isNegative();
        assertThat(HashFileWriter.PAGE_ORDER.compare(user16, user16)).isZero();
    }
}
