package org.perdition.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perdition.auth.LocalAuthResult.Verdict;
import org.perdition.config.Settings;

/** The off-loop runner: every way a check can go wrong ends as a failed check, never an exception. */
class LocalAuthenticationTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    private static LocalAuthResult result(LocalAuthentication auth) throws Exception {
        return auth.check("alice", "pw", "127.0.0.1").get(30, TimeUnit.SECONDS);
    }

    @Test
    void verdictsPassThroughAndRunOffTheCallingThread() throws Exception {
        Thread caller = Thread.currentThread();
        LocalAuthentication auth = new LocalAuthentication((user, password, host) ->
                Thread.currentThread() != caller && user.equals("alice") && password.equals("pw")
                        ? LocalAuthResult.accepted() : LocalAuthResult.rejected("no"), pool, Duration.ofSeconds(30));
        assertThat(result(auth).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(auth.check("alice", "other", null).get(30, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void aHangingModuleFailsTheCheckAfterTheTimeout() throws Exception {
        LocalAuthentication auth = new LocalAuthentication((user, password, host) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LocalAuthResult.accepted();
        }, pool, Duration.ofMillis(100));
        LocalAuthResult result = result(auth);
        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.detail()).contains("no answer");
    }

    /** A libpam that cannot be loaded shows up as a LinkageError from JNA. */
    @Test
    void aLibraryThatDoesNotLoadIsAnError() throws Exception {
        LocalAuthentication auth = new LocalAuthentication((user, password, host) -> {
            throw new UnsatisfiedLinkError("Unable to load library 'pam'");
        }, pool, Duration.ofSeconds(30));
        LocalAuthResult result = result(auth);
        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.detail()).contains("Unable to load library 'pam'");
    }

    @Test
    void aFullPoolIsAnError() throws Exception {
        LocalAuthentication auth = new LocalAuthentication((user, password, host) -> LocalAuthResult.accepted(),
                work -> {
                    throw new RejectedExecutionException("full");
                }, Duration.ofSeconds(30));
        assertThat(result(auth).verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void onlyMinusAStartsOne() {
        Settings settings = new Settings();
        assertThat(LocalAuthentication.fromSettings(settings, pool)).isNull();
        settings.authenticateIn = true;
        assertThat(LocalAuthentication.fromSettings(settings, pool)).isNotNull();
    }
}
