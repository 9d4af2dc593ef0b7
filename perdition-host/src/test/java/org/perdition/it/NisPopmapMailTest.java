package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's "done when" for NIS: a user routed by a map on a real ypserv (test-servers.md §4 recipe A,
 * private rpcbind on an AF_LOCAL socket, ypserv on a random port, map built by makedbm) reads mail
 * through the proxy with {@code -M nis}. Needs root and the nis/rpcbind packages, and plugins/nis.jar.
 */
class NisPopmapMailTest {

    private static final String DOMAIN = "nisdom.test";
    private static final String START_SCRIPT = """
            #!/bin/bash
            set -e
            D=$1; PORT=$2
            mount -t tmpfs -o mode=755 tmpfs /run
            mkdir -p /run/rpcbind; chown _rpc /run/rpcbind
            mount --bind "$D/securenets" /etc/ypserv.securenets
            mount --bind "$D/netconfig.v4" /etc/netconfig
            unshare --mount --propagation private sh -c "mount --bind '$D/netconfig.local' /etc/netconfig && exec rpcbind -f" \\
              > "$D/rpcbind.log" 2>&1 &
            RP=$!
            for i in $(seq 1 500); do [ -S /run/rpcbind.sock ] && break; sleep 0.02; done
            ypserv -d "$D/yp" -p "$PORT" > "$D/ypserv.log" 2>&1 &
            YP=$!
            trap 'kill -TERM $YP $RP 2>/dev/null; wait; exit 0' TERM INT
            wait
            """;

    private static DovecotServer dovecot;
    private static Process ypserv;
    private static int ypPort;

    @TempDir
    Path tmp;

    private final List<PerditionProcess> started = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the ypserv recipe needs root");
        for (String tool : new String[] {"/usr/sbin/ypserv", "/usr/sbin/rpcbind", "/usr/lib/yp/makedbm"}) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is not installed");
        }
        dovecot = DovecotServer.start();
        startYpserv("alice\t127.0.0.1:" + dovecot.imapPort() + "\nbob\t127.0.0.1:1\n");
    }

    private static void startYpserv(String entries) throws Exception {
        Path dir = Files.createTempDirectory("ypserv");
        Path maps = Files.createDirectories(dir.resolve("yp").resolve(DOMAIN));
        Process make = new ProcessBuilder("/usr/lib/yp/makedbm", "-", maps.resolve("user_mail_server").toString())
                .redirectErrorStream(true).start();
        make.getOutputStream().write(entries.getBytes(StandardCharsets.UTF_8));
        make.getOutputStream().close();
        String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(make.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(make.exitValue()).as("makedbm: %s", output).isZero();
        Files.writeString(dir.resolve("securenets"), "255.0.0.0\t127.0.0.0\n");
        List<String> netconfig = Files.readAllLines(Path.of("/etc/netconfig"));
        Files.write(dir.resolve("netconfig.local"), netconfig.stream().filter(l -> l.matches("(local|unix)\\s.*")).toList());
        Files.write(dir.resolve("netconfig.v4"),
                netconfig.stream().filter(l -> l.matches("(udp|tcp|local|unix)\\s.*")).toList());
        Files.writeString(dir.resolve("nis-start.sh"), START_SCRIPT);
        ypPort = LineClient.freePort();
        ypserv = new ProcessBuilder("unshare", "--mount", "--uts", "--propagation", "private", "bash",
                dir.resolve("nis-start.sh").toString(), dir.toString(), Integer.toString(ypPort))
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(NisPopmapMailTest::stopYpserv));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!answersNullProc(ypPort)) {
            assertThat(ypserv.isAlive()).as("ypserv wrapper exited: %s", Files.readString(dir.resolve("out.log")))
                    .isTrue();
            assertThat(System.nanoTime()).as("ypserv not ready within 60 s").isLessThan(deadline);
            LockSupport.parkNanos(20_000_000L); // a closed UDP port answers at once: pace the probes
        }
    }

    /** ONC RPC call (RFC 5531) of YPPROC_NULL, AUTH_NONE; any reply with our xid means ypserv is up. */
    private static boolean answersNullProc(int port) {
        ByteBuffer call = ByteBuffer.allocate(40);
        call.putInt(0x4e495331).putInt(0).putInt(2).putInt(100004).putInt(2).putInt(0)
                .putInt(0).putInt(0).putInt(0).putInt(0);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            socket.setSoTimeout(200);
            socket.send(new DatagramPacket(call.array(), 40));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            return reply.getLength() >= 24 && ByteBuffer.wrap(reply.getData()).getInt() == 0x4e495331;
        } catch (IOException notYet) {
            return false;
        }
    }

    @AfterAll
    static void stopServers() {
        stopYpserv();
        if (dovecot != null) {
            dovecot.close();
        }
    }

    private static synchronized void stopYpserv() {
        if (ypserv == null) {
            return;
        }
        ypserv.destroy();
        try {
            if (!ypserv.waitFor(15, TimeUnit.SECONDS)) {
                ypserv.descendants().forEach(ProcessHandle::destroyForcibly);
                ypserv.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ypserv = null;
    }

    @AfterEach
    void stopPerdition() {
        started.forEach(PerditionProcess::close);
    }

    @Test
    void nisMapRoutesTheLogin() throws Exception {
        Path root = PerditionProcess.checkoutRoot();
        Assumptions.assumeTrue(Files.isReadable(root.resolve("plugins/nis.jar")), "plugins/nis.jar not built");
        Path conf = Files.writeString(tmp.resolve("empty.conf"), "# options come from the command line\n");
        int port = LineClient.freePort();
        PerditionProcess p = PerditionProcess.start("perdition.imap4", "-f", conf.toString(), "-M", "nis",
                "-m", "user_mail_server@" + DOMAIN + "@127.0.0.1:" + ypPort, "-b", "127.0.0.1:" + port,
                "-F", "+", "--failure_delay", "0");
        started.add(p);
        p.awaitListening();

        assertThat(imapLogin(port, "alice", "alicepw")).as("stderr:%n%s", p.stderr()).startsWith("a OK");
        // bob's entry points at a closed port: the map, not a default server, picked the backend
        assertThat(imapLogin(port, "bob", "bobpw")).isEqualTo("a NO failed: Could not connect to server");
    }

    private static String imapLogin(int port, String user, String password) throws IOException {
        try (LineClient client = LineClient.connect("127.0.0.1", port)) {
            assertThat(client.readLine()).startsWith("* OK ");
            return client.send("a LOGIN " + user + " " + password);
        }
    }
}
