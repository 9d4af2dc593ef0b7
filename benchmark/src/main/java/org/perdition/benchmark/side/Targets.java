package org.perdition.benchmark.side;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.perdition.it.BenchDovecot;

/**
 * Starts each target against the one private Dovecot: direct (nothing to start), ours (the real
 * launcher dist/bin/perdition.*, one process per service as an admin runs it), Debian's perdition
 * (/usr/sbin/perdition, forking a child per connection) and nginx with its mail module. All listen
 * on loopback ports only, with every file in {@code work}.
 */
final class Targets {

    static final Path DEBIAN_PERDITION = Path.of("/usr/sbin/perdition");

    private Targets() {
    }

    static int backendPort(BenchDovecot dovecot, Proto proto) {
        return proto == Proto.IMAP ? dovecot.imapPort() : dovecot.pop3Port();
    }

    static Target direct(BenchDovecot dovecot, List<Proto> protos) {
        Target t = new Target("direct");
        for (Proto p : protos) {
            t.add(p, new Endpoint(backendPort(dovecot, p), false, dovecot.pid()));
            t.add(p, new Endpoint(p == Proto.IMAP ? dovecot.imapsPort() : dovecot.pop3sPort(), true, dovecot.pid()));
        }
        return t;
    }

    /**
     * Our proxy through its launcher. lib/ of the checkout's dist/ when it is filled, else the
     * benchmark's own class path (PERDITION_CLASSPATH, as the launcher tests do). JAVA_OPTS is
     * passed on from the environment, so heap and GC choices can be compared.
     */
    static Target ours(Path root, BenchDovecot dovecot, List<Proto> protos, Path work)
            throws IOException, InterruptedException {
        Target t = new Target("ours");
        try {
            boolean libFilled;
            try (var jars = Files.list(root.resolve("dist/lib"))) {
                libFilled = jars.anyMatch(j -> j.toString().endsWith(".jar"));
            } catch (IOException noLib) {
                libFilled = false;
            }
            for (Proto p : protos) {
                for (boolean tls : new boolean[] {false, true}) {
                    String program = "perdition." + (tls ? p.tlsProgram : p.plainProgram);
                    int port = Target.freePort();
                    List<String> cmd = new ArrayList<>(List.of(root.resolve("dist/bin/" + program).toString(),
                            "--no_daemon", "-f", "", "-M", "", "-F", "+", "--pid_file", "",
                            "-s", "127.0.0.1:" + backendPort(dovecot, p), "-b", "127.0.0.1:" + port));
                    if (tls) {
                        cmd.addAll(List.of("--ssl_mode", "ssl_listen",
                                "--ssl_cert_file", dovecot.certificate().toString(),
                                "--ssl_key_file", dovecot.key().toString()));
                    }
                    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                            .redirectOutput(work.resolve(program + ".log").toFile());
                    if (!libFilled) {
                        pb.environment().put("PERDITION_CLASSPATH", classPath());
                    }
                    Process process = pb.start();
                    t.own(process);
                    if (tls) {
                        Target.awaitListening(process, port, program);
                    } else {
                        Target.awaitGreeting(process, port, program);
                    }
                    t.add(p, new Endpoint(port, tls, process.pid()));
                }
            }
            return t;
        } catch (IOException | InterruptedException | RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /** This JVM's class path (under surefire, the real one, not its manifest-only booter jar). */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Debian's perdition 2.2 (no TLS in Debian's build: plain endpoints only). */
    static Target perdition(BenchDovecot dovecot, List<Proto> protos, Path work)
            throws IOException, InterruptedException {
        Target t = new Target("perdition");
        try {
            for (Proto p : protos) {
                int port = Target.freePort();
                Process process = new ProcessBuilder(DEBIAN_PERDITION.toString(),
                        "-P", p == Proto.IMAP ? "IMAP4" : "POP3", "-f", "", "-M", "", "--no_daemon",
                        "--pid_file", "", "-s", "127.0.0.1", "-p", Integer.toString(backendPort(dovecot, p)),
                        "-b", "127.0.0.1", "-l", Integer.toString(port))
                        .redirectErrorStream(true).redirectOutput(work.resolve("debian-perdition-" + p + ".log").toFile())
                        .start();
                t.own(process);
                Target.awaitGreeting(process, port, "Debian perdition " + p);
                t.add(p, new Endpoint(port, false, process.pid()));
            }
            return t;
        } catch (IOException | InterruptedException | RuntimeException e) {
            t.close();
            throw e;
        }
    }

    static Target nginx(BenchDovecot dovecot, List<Proto> protos, Path work) throws IOException, InterruptedException {
        Target t = new Target("nginx");
        try {
            AuthHttp auth = new AuthHttp(Map.of("imap", dovecot.imapPort(), "pop3", dovecot.pop3Port()));
            t.own(auth);
            NginxMail nginx = new NginxMail(work.resolve("nginx"), auth.port(), dovecot.certificate(), dovecot.key());
            for (Proto p : protos) {
                nginx.server(p, Target.freePort(), false);
                nginx.server(p, Target.freePort(), true);
            }
            Process process = nginx.start();
            t.own(process);
            for (NginxMail.Server s : nginx.servers()) {
                if (s.tls()) {
                    Target.awaitListening(process, s.port(), "nginx");
                } else {
                    Target.awaitGreeting(process, s.port(), "nginx");
                }
                t.add(s.proto(), new Endpoint(s.port(), s.tls(), process.pid()));
            }
            return t;
        } catch (IOException | InterruptedException | RuntimeException e) {
            t.close();
            throw e;
        }
    }
}
