package org.perdition.protocol.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loop check's greeting normalisation (spec §3.3.4) by hand gives what perdition's re-joining
 * of words (the former {@code String.join(" ", text.trim().split(" +"))}) gave.
 */
class ImapGreetingNormaliseTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "a", " a ", "a b", "a  b", "a   b  c", "\\ta  b\\t", "  [CAPABILITY IMAP4]  perdition"
            + "   ready on host 1234 ", "x\\t y", "a \\t  b", "\\u00e9  \\u00e8"})
    void sameAsTheRegularExpression(String escaped) {
        String text = escaped.replace("\\t", "\t").replace("\\u00e9", "\u00e9").replace("\\u00e8", "\u00e8");

        assertThat(ImapBackendLogin.normalise(text)).isEqualTo(String.join(" ", text.trim().split(" +")));
    }
}
