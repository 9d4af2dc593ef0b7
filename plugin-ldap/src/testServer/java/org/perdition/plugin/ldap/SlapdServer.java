package org.perdition.plugin.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private OpenLDAP slapd on random 127.0.0.1 ports (ldap:// with StartTLS, and ldaps://), all
 * state in one temp directory, seeded offline with slapadd. perdition's schema
 * (perdition-ldap's perdition.schema, same OIDs and names) and its default suffix
 * {@code ou=mailbox,dc=nodomain}; admin {@code cn=admin,dc=nodomain} / {@code secret}.
 *
 * <p>A test source of plugin-ldap and a source of the benchmark module (build-helper), which is
 * why it is public and lives in {@code src/testServer}.
 */
public final class SlapdServer implements AutoCloseable {

    public static final String SLAPD = "/usr/sbin/slapd";
    public static final String ADMIN_DN = "cn=admin,dc=nodomain";
    public static final String ADMIN_PASSWORD = "secret";

    /** perdition's perdition.schema, as shipped by perdition-ldap. */
    public static final String PERDITION_SCHEMA = """
            attributetype ( 1.3.6.1.4.1.12856.10.10 NAME 'username' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{1024} )
            attributetype ( 1.3.6.1.4.1.12856.10.11 NAME 'mailhost' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{1024} )
            attributetype ( 1.3.6.1.4.1.12856.10.12 NAME 'port' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{1024} )
            objectclass ( 1.3.6.1.4.1.12856.10.100 NAME 'perditionPopmap' DESC 'Popmap for Perdition' SUP top STRUCTURAL MAY ( uid $ username $ mailhost $ port ) )
            """;

    private final Path dir;
    private final int port;
    private final int tlsPort;
    private Process process;
    private final Thread hook;

    private SlapdServer(Path dir, int port, int tlsPort) {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
        this.hook = new Thread(this::stop);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(SLAPD)) && Files.isExecutable(Path.of("/usr/sbin/slapadd"))
                && Files.isExecutable(Path.of("/usr/bin/openssl"));
    }

    /** Starts slapd seeded with {@code entries} (LDIF below ou=mailbox,dc=nodomain). */
    public static SlapdServer start(String entries) throws Exception {
        Path dir = Files.createTempDirectory("slapd");
        SlapdServer server = new SlapdServer(dir, freePort(), freePort());
        server.configure(entries);
        server.startProcess();
        return server;
    }

    private void configure(String entries) throws Exception {
        Files.createDirectories(dir.resolve("db"));
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString());
        Files.writeString(dir.resolve("perdition.schema"), PERDITION_SCHEMA);
        Files.writeString(dir.resolve("slapd.conf"), """
                include    /etc/ldap/schema/core.schema
                include    /etc/ldap/schema/cosine.schema
                include    /etc/ldap/schema/inetorgperson.schema
                include    /etc/ldap/schema/nis.schema
                include    %1$s/perdition.schema
                pidfile    %1$s/slapd.pid
                modulepath /usr/lib/ldap
                moduleload back_mdb
                TLSCertificateFile    %1$s/cert.pem
                TLSCertificateKeyFile %1$s/key.pem
                database   mdb
                maxsize    10485760
                suffix     "dc=nodomain"
                rootdn     "%2$s"
                rootpw     %3$s
                directory  %1$s/db
                index      uid eq
                # as in every stock slapd.conf: back-mdb adds (objectClass=referral) to each search,
                # so without it every lookup scans the subtree (2 ms at 10,000 entries, docs/benchmarks.md)
                index      objectClass eq
                """.formatted(dir, ADMIN_DN, ADMIN_PASSWORD));
        Files.writeString(dir.resolve("data.ldif"), """
                dn: dc=nodomain
                objectClass: dcObject
                objectClass: organization
                o: nodomain
                dc: nodomain

                dn: ou=mailbox,dc=nodomain
                objectClass: organizationalUnit
                ou: mailbox

                """ + entries);
        run("/usr/sbin/slapadd", "-q", "-f", dir.resolve("slapd.conf").toString(), "-l", dir.resolve("data.ldif").toString());
    }

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("setup.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(dir.resolve("setup.log")));
        }
    }

    /** (Re)starts slapd on the same ports and data; waits until the root DSE can be read. */
    public void startProcess() throws Exception {
        process = new ProcessBuilder(SLAPD, "-d", "0", "-f", dir.resolve("slapd.conf").toString(),
                "-h", "ldap://127.0.0.1:" + port + "/ ldaps://127.0.0.1:" + tlsPort + "/")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("slapd exited: " + Files.readString(dir.resolve("out.log")));
            }
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", port)) {
                if (c.getRootDSE() != null) {
                    return;
                }
            } catch (Exception notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("slapd not ready after 60 s: " + Files.readString(dir.resolve("out.log")));
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Stops slapd (SIGTERM, then SIGKILL), keeping its data for {@link #startProcess()}. */
    public void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** The running slapd's process id (the contract test freezes it with SIGSTOP). */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    @Override
    public void close() throws IOException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
