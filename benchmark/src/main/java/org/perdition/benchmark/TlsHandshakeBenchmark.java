package org.perdition.benchmark;

import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Full TLS handshakes per second (issue 3), per engine and protocol version. One operation is a
 * complete handshake between a fresh client engine and a fresh server engine (made by
 * {@code TlsContexts.newServerHandler}, as for an accepted connection) on one thread, so the
 * figure is the CPU cost of BOTH sides: a server that only does its half handles more. No session
 * is resumed (new engines without a peer host): each is a full key exchange plus an RSA 2048
 * signature.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TlsHandshakeBenchmark {

    @Param({"JDK", "OPENSSL"})
    public SslProvider provider;

    @Param({"TLSv1.3", "TLSv1.2"})
    public String protocol;

    private TlsFixture fixture;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new TlsFixture(provider, protocol);
        try (EnginePair pair = fixture.newPair()) {
            pair.handshake();
            System.out.printf("%n[tls] %s: %s %s%n", fixture.engineName(),
                    pair.client().getSession().getProtocol(), pair.client().getSession().getCipherSuite());
            if (!protocol.equals(pair.client().getSession().getProtocol())) {
                throw new IllegalStateException("negotiated " + pair.client().getSession().getProtocol());
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    @Benchmark
    public String fullHandshake() throws SSLException {
        try (EnginePair pair = fixture.newPair()) {
            pair.handshake();
            return pair.client().getSession().getCipherSuite();
        }
    }
}
