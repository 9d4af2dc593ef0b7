package org.perdition.benchmark;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
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
 * Bulk throughput through an established TLS session (issue 3). One operation moves
 * {@value #MIB} bytes (1 MiB) of application data from client to server (encrypt + decrypt, in
 * full 16 KiB records), so <b>ops/s reads directly as MiB/s</b>. Both directions of a proxied
 * mailbox cost the same per byte; a proxy pays it twice (client side and back-end side) when
 * both legs are TLS.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TlsBulkBenchmark {

    static final int MIB = 1 << 20;

    @Param({"JDK", "OPENSSL"})
    public SslProvider provider;

    @Param({"TLSv1.3"})
    public String protocol;

    private TlsFixture fixture;
    private EnginePair pair;
    private ByteBuffer payload;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new TlsFixture(provider, protocol);
        pair = fixture.newPair();
        pair.handshake();
        System.out.printf("%n[tls] %s: %s %s%n", fixture.engineName(),
                pair.client().getSession().getProtocol(), pair.client().getSession().getCipherSuite());
        byte[] bytes = new byte[MIB];
        new SplittableRandom(7).nextBytes(bytes);   // incompressible, like already-compressed mail
        payload = ByteBuffer.allocateDirect(MIB);
        payload.put(bytes).flip();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pair.close();
        fixture.close();
    }

    @Benchmark
    public long mebibyteClientToServer() throws SSLException {
        payload.rewind();
        long received = pair.transfer(payload);
        if (received != MIB) {
            throw new IllegalStateException("server received " + received + " of " + MIB + " bytes");
        }
        return received;
    }
}
