package org.perdition.benchmark.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.perdition.it.BenchDovecot;

/**
 * The proxies under soak, each started through the real launcher (dist/bin/perdition.*) as an
 * administrator would: IMAP and POP3 offering STARTTLS/STLS (tls_listen) and IMAPS/POP3S
 * (ssl_listen), all sent to the private Dovecot with -s. JAVA_OPTS from the environment is passed
 * on with Netty's leak detector at {@code leakLevel}; each process's output (log lines on stderr,
 * -F +, and any leak report) goes to WORK/PROGRAM.log.
 */
final class SoakProxies implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    static SoakProxies start(Path root, BenchDovecot dovecot, Path work, String leakLevel)
            throws IOException, InterruptedException {
        SoakProxies proxies = new SoakProxies();
        try {
            proxies.launch(root, work, "perdition.imap4", true, false, dovecot.imapPort(), dovecot, leakLevel);
            proxies.launch(root, work, "perdition.imaps", true, true, dovecot.imapPort(), dovecot, leakLevel);
            proxies.launch(root, work, "perdition.pop3", false, false, dovecot.pop3Port(), dovecot, leakLevel);
            proxies.launch(root, work, "perdition.pop3s", false, true, dovecot.pop3Port(), dovecot, leakLevel);
            // started together, awaited after: four JVM start-ups overlap instead of adding up
            for (int i = 0; i < proxies.processes.size(); i++) {
                Endpoint e = proxies.endpoints.get(i);
                await(proxies.processes.get(i), e.port(), e.implicit(), e.program());
            }
            return proxies;
        } catch (IOException | InterruptedException | RuntimeException e) {
            proxies.close();
            throw e;
        }
    }

    List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    List<Path> logs() {
        return List.copyOf(logs);
    }

    /** Whether every proxy is still running (a crash is an error of its own). */
    boolean allAlive() {
        return processes.stream().allMatch(Process::isAlive);
    }

    private void launch(Path root, Path work, String program, boolean imap, boolean implicit, int backendPort,
                        BenchDovecot dovecot, String leakLevel) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(root.resolve("dist/bin/" + program).toString(),
                "--no_daemon", "-f", "", "--pid_file", "", "-M", "", "-F", "+", "--failure_delay", "0.2",
                "-s", "127.0.0.1:" + backendPort, "-b", "127.0.0.1:" + port,
                "--ssl_mode", implicit ? "ssl_listen" : "tls_listen",
                "--ssl_cert_file", dovecot.certificate().toString(),
                "--ssl_key_file", dovecot.key().toString()));
        Path log = work.resolve(program + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        String javaOpts = System.getenv().getOrDefault("JAVA_OPTS", "");
        builder.environment().put("JAVA_OPTS", (javaOpts + " -Dio.netty.leakDetection.level=" + leakLevel).strip());
        if (!libFilled(root)) {
            // as the launcher tests and the side-by-side benchmark do before dist/lib is packaged
            builder.environment().put("PERDITION_CLASSPATH", classPath());
        }
        Process process = builder.start();
        processes.add(process);
        logs.add(log);
        endpoints.add(new Endpoint(program, imap, implicit, port, process.pid()));
    }

    private static boolean libFilled(Path root) {
        try (var jars = Files.list(root.resolve("dist/lib"))) {
            return jars.anyMatch(j -> j.toString().endsWith(".jar"));
        } catch (IOException noLib) {
            return false;
        }
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Until the port greets (plain) or accepts (TLS); fails early when the process exits. */
    private static void await(Process process, int port, boolean tls, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(what + " exited with status " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                if (tls) {
                    return;
                }
                socket.setSoTimeout(5000);
                String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1)).readLine();
                if (greeting != null && (greeting.startsWith("* OK") || greeting.startsWith("+OK"))) {
                    return;
                }
                last = "greeting " + greeting;
            } catch (IOException e) {
                last = e.toString();
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new IOException(what + " did not greet on port " + port + ": " + last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM, as an administrator stops the service; killed if it does not stop in 15 s. */
    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
