package org.perdition.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.perdition.log.Log;

/**
 * What every abuse and fault test class shares: Netty's leak detector at PARANOID for the class,
 * and after each test no leak report, no Netty warning (an exception that reached the end of a
 * pipeline) and no exception in the proxy's own log.
 */
public abstract class AbuseSuite {

    protected ProxyHarness proxy;

    @BeforeAll
    static void paranoid() {
        NettyWatch.install();
    }

    @AfterAll
    static void normal() {
        NettyWatch.uninstall();
        Log.close();
    }

    @AfterEach
    void noLeakNoException() throws Exception {
        if (proxy != null) {
            proxy.close();
            assertThat(proxy.log().exceptionLines()).as("exceptions in the proxy's log").isEmpty();
        }
        assertThat(NettyWatch.collectLeakReports()).as("Netty LEAK reports").isEmpty();
        assertThat(NettyWatch.warnings()).as("Netty warnings").isEmpty();
    }
}
