package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's "done when" for LDAP: a user routed by the ldap plugin ({@code -M ldap}) reads mail
 * through the running proxy. A private slapd with perdition's schema holds the popmap; the plugin
 * jar must be in plugins/ (plugin-ldap is built before the host).
 */
class LdapPopmapMailTest {

    private static final String SCHEMA = """
            attributetype ( 1.3.6.1.4.1.12856.10.10 NAME 'username' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{1024} )
            attributetype ( 1.3.6.1.4.1.12856.10.11 NAME 'mailhost' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{1024} )
            attributetype ( 1.3.6.1.4.1.12856.10.12 NAME 'port' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{1024} )
            objectclass ( 1.3.6.1.4.1.12856.10.100 NAME 'perditionPopmap' DESC 'Popmap for Perdition' SUP top STRUCTURAL MAY ( uid $ username $ mailhost $ port ) )
            """;

    private static DovecotServer dovecot;
    private static Path slapdDir;
    private static Process slapd;
    private static int slapdPort;

    @TempDir
    Path tmp;

    private PerditionProcess perdition;

    @BeforeAll
    static void startServers() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/slapd")), "slapd is not installed");
        Assumptions.assumeTrue(Files.isReadable(PerditionProcess.checkoutRoot().resolve("plugins/ldap.jar")),
                "plugins/ldap.jar not built");
        dovecot = DovecotServer.start();
        startSlapd("""
                dn: uid=alice,ou=mailbox,dc=nodomain
                objectClass: uidObject
                objectClass: perditionPopmap
                uid: alice
                mailhost: 127.0.0.1
                port: %1$d

                dn: uid=mallory,ou=mailbox,dc=nodomain
                objectClass: uidObject
                objectClass: perditionPopmap
                uid: mallory
                username: alice
                mailhost: 127.0.0.1
                port: %1$d

                dn: uid=bob,ou=mailbox,dc=nodomain
                objectClass: uidObject
                objectClass: perditionPopmap
                uid: bob
                mailhost: 127.0.0.1
                port: 1
                """.formatted(dovecot.imapPort()));
    }

    @AfterAll
    static void stopServers() throws IOException {
        if (slapd != null) {
            slapd.destroy();
            try {
                if (!slapd.waitFor(15, TimeUnit.SECONDS)) {
                    slapd.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (slapdDir != null) {
            try (Stream<Path> files = Files.walk(slapdDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @AfterEach
    void stopPerdition() {
        if (perdition != null) {
            perdition.close();
        }
    }

    @Test
    void ldapPopmapRoutesTheLogin() throws Exception {
        int port = LineClient.freePort();
        Path conf = Files.writeString(tmp.resolve("empty.conf"), "# options come from the command line\n");
        String url = "ldap://127.0.0.1:" + slapdPort + "/ou=mailbox,dc=nodomain?username,mailhost,port?one?(uid=%s)";
        perdition = PerditionProcess.start("perdition.imap4", "-f", conf.toString(), "-M", "ldap", "-m", url,
                "-b", "127.0.0.1:" + port, "-F", "+", "--failure_delay", "0", "--username_from_database");
        perdition.awaitListening();

        assertThat(PopmapRouting.imapLogin(port, "alice", "alicepw")).as("stderr:%n%s", perdition.stderr()).startsWith("a OK");
        // the entry's username attribute names the backend user (-U, --username_from_database)
        assertThat(PopmapRouting.imapLogin(port, "mallory", "alicepw")).as("stderr:%n%s", perdition.stderr()).startsWith("a OK");
        // bob's entry points at a closed port: the directory, not a default server, picked the backend
        assertThat(PopmapRouting.imapLogin(port, "bob", "bobpw")).isEqualTo("a NO failed: Could not connect to server");
    }

    /** Wrong bindname/x-bindpw: the log names the server and the DN, never the password. */
    @Test
    void aWrongBindPasswordIsLogged() throws Exception {
        String url = "ldap://127.0.0.1:" + slapdPort + "/ou=mailbox,dc=nodomain?username,mailhost,port?one?(uid=%s)"
                + "?bindname=cn=admin%2cdc=nodomain,x-bindpw=Wrong-Bind-77";
        PopmapRouting.Proxy proxy = PopmapRouting.start(tmp, "ldap", url);
        perdition = proxy.process();
        PopmapRouting.assertWrongCredentialsLogged(proxy, "ldap: bind as 'cn=admin,dc=nodomain' to [127.0.0.1:"
                + slapdPort + "] failed: invalid credentials", "Wrong-Bind-77");
    }


    /** The recipe of test-servers.md §1, trimmed: plain ldap:// only, seeded offline with slapadd. */
    private static void startSlapd(String entries) throws Exception {
        slapdDir = Files.createTempDirectory("slapd");
        Files.createDirectories(slapdDir.resolve("db"));
        Files.writeString(slapdDir.resolve("perdition.schema"), SCHEMA);
        Files.writeString(slapdDir.resolve("slapd.conf"), """
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
                """.formatted(slapdDir));
        Files.writeString(slapdDir.resolve("data.ldif"), """
                dn: dc=nodomain
                objectClass: dcObject
                objectClass: organization
                o: nodomain
                dc: nodomain

                dn: ou=mailbox,dc=nodomain
                objectClass: organizationalUnit
                ou: mailbox

                """ + entries);
        Process load = new ProcessBuilder("/usr/sbin/slapadd", "-q", "-f", slapdDir.resolve("slapd.conf").toString(),
                "-l", slapdDir.resolve("data.ldif").toString()).redirectErrorStream(true).start();
        String loadOutput = new String(load.getInputStream().readAllBytes());
        assertThat(load.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(load.exitValue()).as("slapadd: %s", loadOutput).isZero();
        slapdPort = LineClient.freePort();
        slapd = new ProcessBuilder("/usr/sbin/slapd", "-d", "0", "-f", slapdDir.resolve("slapd.conf").toString(),
                "-h", "ldap://127.0.0.1:" + slapdPort + "/").redirectErrorStream(true)
                .redirectOutput(slapdDir.resolve("out.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(slapd::destroyForcibly));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!anonymousBindWorks()) {
            assertThat(slapd.isAlive()).as("slapd: %s", Files.readString(slapdDir.resolve("out.log"))).isTrue();
            assertThat(Instant.now()).as("slapd not ready").isBefore(deadline);
            Thread.onSpinWait();
        }
    }

    /** Readiness probe without an LDAP library: an anonymous LDAPv3 simple bind (RFC 4511 §4.2) answered with success. */
    private static boolean anonymousBindWorks() {
        byte[] bind = {0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00, (byte) 0x80, 0x00};
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", slapdPort), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(bind);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] response = in.readNBytes(14);
            // BindResponse [APPLICATION 1] = 0x61, then resultCode ENUMERATED 0 (success)
            return response.length == 14 && response[5] == 0x61 && response[7] == 0x0a && response[9] == 0x00;
        } catch (IOException notYet) {
            return false;
        }
    }
}
