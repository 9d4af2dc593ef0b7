package org.perdition.session;

import java.util.concurrent.Executor;
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
 */
public record SessionServices(Settings settings,
                              ProtocolModule protocol,
                              ServerResolver resolver,
                              GreetingIdentity greeting,
                              Executor blockingExecutor,
                              ConnectionLimiter limiter,
                              Transport transport,
                              TlsContexts tls) {
}
