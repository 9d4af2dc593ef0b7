package org.perdition.starttls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.abuse.AbuseSuite;
import org.perdition.abuse.ProxyHarness;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.it.TestCertificate;

/**
 * The STARTTLS suite's shared set-up (NoSTARTTLS, Poddebniak et al., USENIX Security 2021): the
 * abuse suite's proxy and checks (PARANOID leak detection, no exception in the log), one
 * throwaway certificate for the proxy's listening side and for the scripted back-ends, which the
 * proxy trusts through {@code --ssl_ca_file}.
 */
abstract class StarttlsFixture extends AbuseSuite {

    @TempDir
    static Path dir;

    static TestCertificate certificate;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = TestCertificate.create(dir);
    }

    /** The proxy with the given TLS modes, our certificate and CA, and {@code more} options. */
    ProxyHarness start(Protocol protocol, List<SslMode> modes, Consumer<Settings> more) throws Exception {
        proxy = ProxyHarness.start(protocol, s -> {
            s.sslMode.addAll(modes);
            s.sslCertFile = certificate.cert().toString();
            s.sslKeyFile = certificate.key().toString();
            s.sslCaFile = certificate.cert().toString();
            s.authenticateTimeout = 10;
            more.accept(s);
        });
        return proxy;
    }

    /** A client connection to the proxy that can switch to TLS; what it reads is kept in {@code seen}. */
    TlsLine client(List<String> seen) throws IOException {
        return proxy.closeLater(new TlsLine(new Socket(proxy.address().getAddress(), proxy.address().getPort()),
                seen));
    }

    static List<String> lines() {
        return new CopyOnWriteArrayList<>();
    }

    /** A back-end, made before the proxy that points at it; close it with {@code proxy.closeLater}. */
    static StarttlsBackend backend(StarttlsBackend.Script script) throws Exception {
        return new StarttlsBackend(certificate.serverContext(), script);
    }
}
