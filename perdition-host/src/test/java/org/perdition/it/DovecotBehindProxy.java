package org.perdition.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.perdition.Daemon;
import org.perdition.config.Settings;

/**
 * The set-up of the end-to-end tests: one private {@link DovecotServer} for the test class and
 * an in-process proxy ({@link Daemon}) per test, stopped after it. Register it as a static field:
 * {@code @RegisterExtension static final DovecotBehindProxy fixture = new DovecotBehindProxy();}.
 */
final class DovecotBehindProxy implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private final Runnable assumptions;
    private DovecotServer dovecot;
    private Daemon proxy;

    DovecotBehindProxy() {
        this(() -> { });
    }

    /** @param assumptions JUnit assumptions checked before Dovecot starts (a missing tool skips the class) */
    DovecotBehindProxy(Runnable assumptions) {
        this.assumptions = assumptions;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumptions.run();
        dovecot = DovecotServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }

    DovecotServer dovecot() {
        return dovecot;
    }

    /** Starts the proxy for this test; returns the port of its first listener. */
    int startProxy(Settings settings) throws Exception {
        proxy = Daemon.start(settings);
        return proxy.listenAddresses().get(0).getPort();
    }
}
