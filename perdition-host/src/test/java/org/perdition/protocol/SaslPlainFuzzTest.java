package org.perdition.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Issue 9: RFC 4616 PLAIN and its base64 (POP3 AUTH, IMAP AUTHENTICATE, ManageSieve).
 * <ul>
 *   <li>{@code decode} of any text never throws: it is Valid or Invalid with one of perdition's
 *       reasons;</li>
 *   <li>a Valid has a non-empty authcid and no NUL in any field, and encoding it again decodes to
 *       the same Valid (decode and encode are inverse on what decode accepts);</li>
 *   <li>round trip: {@code encode(authzid, authcid, pw)} of NUL-free ISO-8859-1 fields decodes
 *       back to them (an empty authzid reads as null), or to "Empty authentication id".</li>
 * </ul>
 * Input layout: a first line {@code authzid NUL authcid NUL password} (ISO-8859-1; missing fields
 * are empty), then after its LF the text given to decode.
 */
class SaslPlainFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decodesAndRoundTrips(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        int newline = text.indexOf('\n');
        String[] fields = (newline < 0 ? text : text.substring(0, newline)).split("\0", 3);
        String authzid = fields[0];
        String authcid = fields.length > 1 ? fields[1] : "";
        String password = fields.length > 2 ? fields[2].replace("\0", "") : "";
        String response = newline < 0 ? "" : text.substring(newline + 1);

        SaslPlain.Decoded decoded = SaslPlain.decode(response);
        if (decoded instanceof SaslPlain.Valid valid) {
            assertValid(valid);
            assertThat(SaslPlain.decode(SaslPlain.encode(valid.authorisationId(), valid.authenticationId(),
                    valid.password()))).isEqualTo(valid);
        } else {
            assertThat(((SaslPlain.Invalid) decoded).reason()).isIn("Invalid base64 encoded challenge",
                    "Empty challenge", "Challenge has no authentication id", "Challenge has no password",
                    "Trailing garbage in challenge", "Empty authentication id");
        }

        String encoded = SaslPlain.encode(authzid, authcid, password);
        assertThat(Base64.getDecoder().decode(encoded)).hasSize(authzid.length() + authcid.length()
                + password.length() + 2);
        SaslPlain.Decoded back = SaslPlain.decode(encoded);
        if (authcid.isEmpty()) {
            assertThat(back).isEqualTo(new SaslPlain.Invalid("Empty authentication id"));
        } else {
            assertThat(back).isEqualTo(new SaslPlain.Valid(authzid.isEmpty() ? null : authzid, authcid, password));
        }
    }

    private static void assertValid(SaslPlain.Valid valid) {
        assertThat(valid.authenticationId()).isNotEmpty().doesNotContain("\0");
        assertThat(valid.password()).isNotNull().doesNotContain("\0");
        if (valid.authorisationId() != null) {
            assertThat(valid.authorisationId()).isNotEmpty().doesNotContain("\0");
        }
    }
}
