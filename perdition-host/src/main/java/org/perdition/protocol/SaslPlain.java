package org.perdition.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RFC 4616 PLAIN: {@code [authzid] NUL authcid NUL passwd}, base64 encoded.
 * Used by POP3 AUTH (RFC 5034), IMAP AUTHENTICATE (RFC 3501, 4959) and ManageSieve.
 * Strings are ISO-8859-1 byte strings, as everywhere in the protocol code.
 */
public final class SaslPlain {

    /** A decoded response, or the reason it was refused (perdition's texts, spec §3.6). */
    public sealed interface Decoded {
    }

    /** @param authorisationId null when the client sent an empty authzid */
    public record Valid(String authorisationId, String authenticationId, String password) implements Decoded {
        @Override
        public String toString() {
            return "Valid[authorisationId=" + authorisationId + ", authenticationId=" + authenticationId + "]";
        }
    }

    public record Invalid(String reason) implements Decoded {
    }

    private SaslPlain() {
    }

    public static Decoded decode(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return new Invalid("Invalid base64 encoded challenge");
        }
        if (raw.length == 0) {
            return new Invalid("Empty challenge");
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int first = text.indexOf('\0');
        if (first < 0) {
            return new Invalid("Challenge has no authentication id");
        }
        int second = text.indexOf('\0', first + 1);
        if (second < 0) {
            return new Invalid("Challenge has no password");
        }
        if (text.indexOf('\0', second + 1) >= 0) {
            return new Invalid("Trailing garbage in challenge");
        }
        String authzid = text.substring(0, first);
        String authcid = text.substring(first + 1, second);
        if (authcid.isEmpty()) {
            return new Invalid("Empty authentication id");
        }
        return new Valid(authzid.isEmpty() ? null : authzid, authcid, text.substring(second + 1));
    }

    /** The base64 response that logs {@code authcid} in with {@code password} (authzid may be null). */
    public static String encode(String authorisationId, String authenticationId, String password) {
        String text = (authorisationId == null ? "" : authorisationId) + '\0' + authenticationId + '\0' + password;
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
