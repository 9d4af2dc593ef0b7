package org.perdition.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.perdition.auth.LocalAuthResult.Verdict;

/** PamAuthenticator against a real PAM stack (pam_userdb, see {@link PamTestService}). */
class PamAuthenticatorTest {

    /** dave's password is Latin-1 bytes: it must reach PAM byte for byte, not re-encoded. */
    private static final String DAVE_PASSWORD = "gr\u00fc\u00dfe aus K\u00f6ln";

    private static PamTestService service;

    @BeforeAll
    static void start() throws Exception {
        service = PamTestService.userdb(Map.of("alice", "alicepw", "dave", DAVE_PASSWORD));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static LocalAuthResult check(String user, String password) {
        return new PamAuthenticator(service.name()).authenticate(user, password, "192.0.2.7");
    }

    @Test
    void rightPasswordIsAccepted() {
        assertThat(check("alice", "alicepw").verdict()).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void wrongPasswordIsRejectedWithPamsReason() {
        LocalAuthResult result = check("alice", "alicepw2");
        assertThat(result.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(result.detail()).startsWith("pam_authenticate: ").doesNotContain("alicepw2");
    }

    @Test
    void unknownUserIsRejected() {
        assertThat(check("mallory", "alicepw").verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void latin1PasswordReachesPamByteForByte() {
        assertThat(check("dave", DAVE_PASSWORD).verdict()).isEqualTo(Verdict.ACCEPTED);
        // the same text in UTF-8 bytes is a different password
        String utf8Bytes = new String(DAVE_PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(check("dave", utf8Bytes).verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void nulBytesNeverReachPam() {
        // "alice\0x" would be checked as "alice" by C code.
        assertThat(check("alice\0x", "alicepw").verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(check("alice", "alicepw\0x").verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void withoutARemoteHostItStillWorks() {
        assertThat(new PamAuthenticator(service.name()).authenticate("alice", "alicepw", null).isAccepted()).isTrue();
    }

    /** Debian's own /etc/pam.d/perdition names /lib/security/pam_unix.so: an error, not a crash. */
    @Test
    void missingModuleIsAnErrorNotARejection() throws Exception {
        try (PamTestService broken = PamTestService.missingModule()) {
            LocalAuthResult result = new PamAuthenticator(broken.name()).authenticate("alice", "alicepw", null);
            assertThat(result.isAccepted()).isFalse();
            assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        }
    }

    @Test
    void libpamLoads() {
        assertThat(PamAuthenticator.unavailableReason()).isNull();
    }
}
