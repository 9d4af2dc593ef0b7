package org.perdition.protocol.managesieve;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.perdition.protocol.DecoderFuzzing;

/**
 * Issue 9: the ManageSieve pre-login decoder on arbitrary bytes cut at arbitrary points; the
 * invariants and the input layout are {@link DecoderFuzzing}'s. Regression mode (JAZZER_FUZZ unset) replays
 * {@code ManageSieveDecoderFuzzTestInputs/decodes} (real client transcripts, huge literals, overlong
 * lines, NUL and CR/LF variants); {@code scripts/fuzz-campaign.sh} fuzzes it.
 */
class ManageSieveDecoderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decodes(byte[] input) {
        DecoderFuzzing.check(new ManageSieveModule(), input);
    }
}
