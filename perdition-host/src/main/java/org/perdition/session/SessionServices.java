package org.perdition.session;

import java.util.concurrent.Executor;
import org.perdition.auth.LocalAuthentication;
import org.perdition.config.Settings;
import org.perdition.lookup.ServerResolver;
import org.perdition.net.ConnectionLimiter;
import org.perdition.net.Transport;
import org.perdition.net.tls.TlsContexts;
import org.perdition.protocol.ProtocolModule;

/**
 * What every client session of one daemon shares.
 *
 * @param blockingExecutor bounded pool for work that may block (popmap lookups, DNS); never an event loop
 * @param tls              the TLS contexts, built once at start-up; null when ssl_mode is empty
 * @param localAuth        -a (spec §3.3 step 9), running on {@code blockingExecutor}; null without -a
 * @param failedLogins     --auth_failure_limit, per client address (ours, issue 9)
 */
public record SessionServices(Settings settings,
                              ProtocolModule protocol,
                              ServerResolver resolver,
                              GreetingIdentity greeting,
                              Executor blockingExecutor,
                              ConnectionLimiter limiter,
                              Transport transport,
                              TlsContexts tls,
                              LocalAuthentication localAuth,
                              FailedLoginThrottle failedLogins) {

    /** Services whose failed-login throttle follows the settings. */
    public SessionServices(Settings settings, ProtocolModule protocol, ServerResolver resolver,
                           GreetingIdentity greeting, Executor blockingExecutor, ConnectionLimiter limiter,
                           Transport transport, TlsContexts tls, LocalAuthentication localAuth) {
        this(settings, protocol, resolver, greeting, blockingExecutor, limiter, transport, tls, localAuth,
                new FailedLoginThrottle(settings));
    }

    /** Services without local authentication (no -a). */
    public SessionServices(Settings settings, ProtocolModule protocol, ServerResolver resolver,
                           GreetingIdentity greeting, Executor blockingExecutor, ConnectionLimiter limiter,
                           Transport transport, TlsContexts tls) {
        this(settings, protocol, resolver, greeting, blockingExecutor, limiter, transport, tls, null);
    }
}
