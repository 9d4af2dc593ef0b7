package org.perdition.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
        String utf8Bytes = new String(DAVE_PASSWORD.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
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

    /**
     * dist/etc/pam.d/perdition (common-auth, common-account) with a Unix test user that this test
     * creates and removes: the right password passes pam_unix, a wrong one is a rejection, not the
     * "Module is unknown" error of Debian's own file.
     */
    @Test
    void shippedServiceFileWorksWithPamUnix() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(USERADD) && Files.exists(Path.of("/etc/pam.d/common-auth")),
                "useradd or common-auth missing: skipping");
        String user = "perdtest" + Long.toHexString(System.nanoTime() & 0xffffffL);
        Thread cleanup = new Thread(() -> run(USERDEL, user), "pam-test-user-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (PamTestService shipped = PamTestService.copyOf(Path.of("../dist/etc/pam.d/perdition"))) {
            assertThat(run(USERADD, "-M", "-N", "-s", "/usr/sbin/nologin", user)).isZero();
            assertThat(runWithInput(user + ":unix-pw-1\n", CHPASSWD)).isZero();
            PamAuthenticator auth = new PamAuthenticator(shipped.name());
            assertThat(auth.authenticate(user, "unix-pw-1", "::1").verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(auth.authenticate(user, "unix-pw-2", "::1").verdict()).isEqualTo(Verdict.REJECTED);
        } finally {
            run(USERDEL, user);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private static final Path USERADD = Path.of("/usr/sbin/useradd");
    private static final Path USERDEL = Path.of("/usr/sbin/userdel");
    private static final Path CHPASSWD = Path.of("/usr/sbin/chpasswd");

    private static int run(Path command, String... args) {
        return runWithInput("", command, args);
    }

    private static int runWithInput(String input, Path command, String... args) {
        List<String> line = new ArrayList<>();
        line.add(command.toString());
        line.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            p.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void libpamLoads() {
        assertThat(PamAuthenticator.unavailableReason()).isNull();
    }
}
