package org.perdition.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** perdition's bug B6: a name with quotes or CR/LF could forge log lines. */
class LogSanitizeTest {

    @Test
    void escapesQuotesAndLineBreaksInNames() {
        assertThat(Log.sanitize("bob\" status=\"ok\r\nAuth: forged"))
                .isEqualTo("bob\\\" status=\\\"ok\\x0d\\x0aAuth: forged");
    }
}
