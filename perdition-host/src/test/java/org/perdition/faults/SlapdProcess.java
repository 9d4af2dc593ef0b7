package org.perdition.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private slapd holding perdition's popmap schema (the recipe of {@code it.LdapPopmapMailTest},
 * which keeps its own private), that a fault test can stop, restart, freeze (SIGSTOP) and thaw.
 */
final class SlapdProcess implements AutoCloseable {

    private static final String SLAPD = "/usr/sbin/slapd";
    private static final String SCHEMA = """
            attributetype ( 1.3.6.1.4.1.12856.10.10 NAME 'username' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{1024} )
            attributetype ( 1.3.6.1.4.1.12856.10.11 NAME 'mailhost' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{1024} )
            attributetype ( 1.3.6.1.4.1.12856.10.12 NAME 'port' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{1024} )
            objectclass ( 1.3.6.1.4.1.12856.10.100 NAME 'perditionPopmap' DESC 'Popmap for Perdition' SUP top STRUCTURAL MAY ( uid $ username $ mailhost $ port ) )
            """;

    private final Path dir;
    private final int port;
    private Process process;

    private SlapdProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static boolean available() {
        return Files.isExecutable(Path.of(SLAPD)) && Files.isExecutable(Path.of("/usr/sbin/slapadd"));
    }

    /** slapd with one popmap entry: {@code uid} routed to 127.0.0.1:{@code backendPort}. */
    static SlapdProcess start(String uid, int backendPort) throws Exception {
        Path dir = Files.createTempDirectory("slapd-faults");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SlapdProcess slapd = new SlapdProcess(dir, port);
        slapd.configure("""
                dn: uid=%1$s,ou=mailbox,dc=nodomain
                objectClass: uidObject
                objectClass: perditionPopmap
                uid: %1$s
                mailhost: 127.0.0.1
                port: %2$d
                """.formatted(uid, backendPort));
        slapd.launch();
        return slapd;
    }

    private void configure(String entries) throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("perdition.schema"), SCHEMA);
        Files.writeString(dir.resolve("slapd.conf"), """
                include    /etc/ldap/schema/core.schema
                include    /etc/ldap/schema/cosine.schema
                include    %1$s/perdition.schema
                pidfile    %1$s/slapd.pid
                modulepath /usr/lib/ldap
                moduleload back_mdb
                database   mdb
                maxsize    10485760
                suffix     "dc=nodomain"
                rootdn     "cn=admin,dc=nodomain"
                rootpw     secret
                directory  %1$s/db
                """.formatted(dir));
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
        Process load = new ProcessBuilder("/usr/sbin/slapadd", "-q", "-f", dir.resolve("slapd.conf").toString(),
                "-l", dir.resolve("data.ldif").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("slapadd.log").toFile()).start();
        if (!load.waitFor(60, TimeUnit.SECONDS) || load.exitValue() != 0) {
            throw new IOException("slapadd failed: " + Files.readString(dir.resolve("slapadd.log")));
        }
    }

    /** Starts slapd (again) on the same port and data; waits until an anonymous bind succeeds. */
    void launch() throws Exception {
        process = new ProcessBuilder(SLAPD, "-d", "0", "-f", dir.resolve("slapd.conf").toString(),
                "-h", "ldap://127.0.0.1:" + port + "/").redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!anonymousBindWorks()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("slapd did not start: " + Files.readString(dir.resolve("out.log")));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
    }

    int port() {
        return port;
    }

    /** Down: the process is gone, its port refuses connections. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** SIGSTOP (freeze: connections accepted by the kernel, never answered) or SIGCONT. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " failed");
        }
    }

    /** Readiness without an LDAP library: an anonymous LDAPv3 simple bind (RFC 4511 §4.2) answered with success. */
    private boolean anonymousBindWorks() {
        byte[] bind = {0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00, (byte) 0x80, 0x00};
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(bind);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] response = in.readNBytes(14);
            return response.length == 14 && response[5] == 0x61 && response[7] == 0x0a && response[9] == 0x00;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            signal("CONT");
        }
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
