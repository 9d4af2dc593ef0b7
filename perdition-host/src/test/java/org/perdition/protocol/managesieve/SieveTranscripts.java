package org.perdition.protocol.managesieve;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.perdition.config.Settings;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.ProtocolModule;
import org.perdition.protocol.Transcript;
import org.perdition.protocol.TranscriptRunner;

/**
 * Turns ManageSieve transcripts into tests, with the IMAP module's harness
 * ({@link TranscriptRunner}): line by line, all at once and byte by byte. ManageSieve's own
 * setting is {@code managesieveCapability} (escapes allowed); a Login has no tag.
 */
final class SieveTranscripts {

    private static final Transcript.Dialect MANAGESIEVE = new Transcript.Dialect() {
        @Override
        public ProtocolModule module() {
            return new ManageSieveModule();
        }

        @Override
        public boolean setting(Settings settings, String key, String value) {
            if (!key.equals("managesieveCapability")) {
                return false;
            }
            settings.managesieveCapability = Transcript.unescape(value);
            return true;
        }

        @Override
        public List<String> loginFields(Credentials credentials) {
            return List.of();
        }
    };

    private SieveTranscripts() {
    }

    static Stream<DynamicNode> assertingEach(String transcripts) {
        return TranscriptRunner.assertingEach(transcripts, MANAGESIEVE);
    }
}
