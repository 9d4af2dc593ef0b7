package org.perdition.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.Daemon;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.it.TestCertificate;
import org.perdition.log.LogSetup;

/** A running proxy with a generated listen certificate, scripted back-ends, a log file per test. */
abstract class TlsProxyFixture {

    @TempDir
    Path dir;

    TestCertificate certificate;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void makeCertificate() throws Exception {
        certificate = TestCertificate.create(dir);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    InetSocketAddress proxy(Protocol protocol, Consumer<Settings> options) throws Exception {
        Settings settings = new Settings();
        settings.programName = "perdition." + protocol.name().toLowerCase(java.util.Locale.ROOT);
        settings.protocol = protocol;
        settings.mapLibrary = "";
        settings.bindAddresses.add("127.0.0.1:0");
        settings.failureDelayMillis = 0;
        settings.logFacility = log().toString();
        settings.sslCertFile = certificate.cert().toString();
        settings.sslKeyFile = certificate.key().toString();
        settings.sslCaFile = certificate.cert().toString();
        options.accept(settings);
        LogSetup.configure(settings);
        Daemon daemon = Daemon.start(settings);
        open.add(daemon);
        return daemon.listenAddresses().get(0);
    }

    static Consumer<Settings> modes(SslMode... modes) {
        return s -> s.sslMode.addAll(List.of(modes));
    }

    Path log() {
        return dir.resolve("perdition.log");
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        open.add(closeable);
        return closeable;
    }

    TlsLineClient client(InetSocketAddress address, boolean implicitTls) throws IOException, GeneralSecurityException {
        return closeLater(new TlsLineClient(address, implicitTls));
    }

    FakeBackend plainBackend(FakeBackend.Script script) throws IOException {
        return closeLater(new FakeBackend(script));
    }

    FakeTlsBackend tlsBackend(boolean implicitTls, FakeTlsBackend.Script script) throws Exception {
        return closeLater(new FakeTlsBackend(certificate.serverContext(), implicitTls, script));
    }

    /** The log once it holds {@code needle} (or after 10 s, for the assertion to show it). */
    String waitForLog(String needle) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.exists(log()) ? Files.readString(log()) : "";
            if (text.contains(needle)) {
                return text;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        return text;
    }
}
