package org.perdition.protocol.imap;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.perdition.config.Settings;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.ProtocolModule;
import org.perdition.protocol.Transcript;
import org.perdition.protocol.TranscriptRunner;

/**
 * Turns IMAP transcripts into tests: every transcript runs in every feeding mode of
 * {@link TranscriptRunner}. IMAP's own settings are {@code loginDisabled} and
 * {@code imapCapability}; an IMAP Login also shows the command's tag.
 */
final class TranscriptTests {

    private static final Transcript.Dialect IMAP = new Transcript.Dialect() {
        @Override
        public ProtocolModule module() {
            return new ImapModule();
        }

        @Override
        public boolean setting(Settings settings, String key, String value) {
            switch (key) {
                case "loginDisabled" -> settings.loginDisabled = Boolean.parseBoolean(value);
                case "imapCapability" -> settings.imapCapability = value;
                default -> {
                    return false;
                }
            }
            return true;
        }

        @Override
        public List<String> loginFields(Credentials credentials) {
            return List.of(credentials.tag());
        }
    };

    private TranscriptTests() {
    }

    static Stream<DynamicNode> assertingEach(String transcripts) {
        return TranscriptRunner.assertingEach(transcripts, IMAP);
    }
}
