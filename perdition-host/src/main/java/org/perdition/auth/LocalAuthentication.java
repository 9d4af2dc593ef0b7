package org.perdition.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.perdition.config.Settings;
import org.perdition.log.Log;

/**
 * Runs local authentication (spec §3.3 step 9) on the blocking pool, never on an event loop,
 * and bounds it: a PAM module that hangs (a dead LDAP server behind pam_ldap) fails the login
 * after {@link #TIMEOUT} instead of holding the client forever. perdition forked per connection,
 * so a hang there stalled one client; here it would hold a pool thread, which the timeout cannot
 * free (native code cannot be interrupted) but the client gets its answer.
 *
 * <p>Every outcome is logged without the password; the result future never fails.
 */
public final class LocalAuthentication {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final LocalAuthenticator authenticator;
    private final Executor executor;
    private final Duration timeout;

    public LocalAuthentication(LocalAuthenticator authenticator, Executor executor, Duration timeout) {
        this.authenticator = authenticator;
        this.executor = executor;
        this.timeout = timeout;
    }

    /**
     * The local authentication the settings ask for, or null without {@code -a}. A libpam that
     * does not load is logged now; logins then fail with "local authentication failure".
     */
    public static LocalAuthentication fromSettings(Settings settings, Executor executor) {
        if (!settings.authenticateIn) {
            return null;
        }
        String unavailable = PamAuthenticator.unavailableReason();
        if (unavailable != null) {
            Log.err("PAM is not available, every login will fail local authentication: " + unavailable);
        }
        return new LocalAuthentication(new PamAuthenticator(settings.pamService), executor, TIMEOUT);
    }

    /** Checks {@code user}/{@code password}; completes (off the caller's thread) with the verdict. */
    public CompletableFuture<LocalAuthResult> check(String user, String password, String remoteHost) {
        CompletableFuture<LocalAuthResult> running;
        try {
            running = CompletableFuture.supplyAsync(() -> authenticator.authenticate(user, password, remoteHost),
                    executor);
        } catch (RejectedExecutionException e) {
            running = CompletableFuture.completedFuture(LocalAuthResult.error("no thread free for local authentication"));
        }
        return running.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(LocalAuthentication::asError)
                .thenApply(result -> logged(user, result));
    }

    private static LocalAuthResult asError(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            return LocalAuthResult.error("no answer within " + TIMEOUT.toSeconds() + " s");
        }
        return LocalAuthResult.error(cause.toString());
    }

    private static LocalAuthResult logged(String user, LocalAuthResult result) {
        String line = "Local authentication of \"" + Log.sanitize(user) + "\" ";
        switch (result.verdict()) {
            case ACCEPTED -> Log.debug(line + "succeeded");
            case REJECTED -> Log.info(line + "rejected: " + Log.sanitize(result.detail()));
            default -> Log.err(line + "failed: " + Log.sanitize(result.detail()));
        }
        return result;
    }
}
