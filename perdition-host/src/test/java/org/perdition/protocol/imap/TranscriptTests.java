package org.perdition.protocol.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/** Turns transcripts into tests: every transcript runs in every {@link TranscriptRunner.Mode}. */
final class TranscriptTests {

    private TranscriptTests() {
    }

    static Stream<DynamicNode> assertingEach(String transcripts) {
        List<Transcript> all = Transcript.parseAll(transcripts);
        assertThat(all).isNotEmpty();
        List<DynamicNode> nodes = new ArrayList<>();
        for (Transcript transcript : all) {
            assertThat(transcript.expected()).as(transcript.name()).isNotEmpty();
            List<DynamicNode> modes = new ArrayList<>();
            for (TranscriptRunner.Mode mode : TranscriptRunner.Mode.values()) {
                modes.add(DynamicTest.dynamicTest(mode.name(), () -> check(transcript, mode)));
            }
            nodes.add(DynamicContainer.dynamicContainer(transcript.name(), modes));
        }
        return nodes.stream();
    }

    private static void check(Transcript transcript, TranscriptRunner.Mode mode) {
        TranscriptRunner.Outcome outcome = TranscriptRunner.run(transcript, mode);
        assertThat(outcome.events()).as(transcript.name() + " " + mode).containsExactlyElementsOf(transcript.expected());
        if (!outcome.closed()) {
            // Every command consumed exactly its own bytes: nothing is left over, nothing was missing.
            assertThat(outcome.unreadBytes()).as("unread bytes").isZero();
        }
    }
}
