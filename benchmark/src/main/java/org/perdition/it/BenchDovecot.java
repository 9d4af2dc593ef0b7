package org.perdition.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tests' private Dovecot ({@link DovecotServer}: same users, same Maildirs, the 10 MiB
 * message 4 of {@link TestMessages} in every INBOX) with the limits a load test needs appended to
 * its dovecot.conf: the defaults (10 connections per user and IP, 100 login processes, one process
 * per pre-login connection) would make Dovecot, not the proxy, the bottleneck of the side-by-side
 * benchmark. "Performance mode" login processes (service_count = 0) serve many connections each.
 */
public final class BenchDovecot implements AutoCloseable {

    private static final String LIMITS = """
            mail_max_userip_connections = 100000
            default_process_limit = 15000
            default_client_limit = 15000
            default_vsz_limit = 0
            service imap-login {
              service_count = 0
              process_min_avail = 2
              client_limit = 15000
            }
            service pop3-login {
              service_count = 0
              process_min_avail = 2
              client_limit = 15000
            }
            service imap {
              process_limit = 15000
            }
            service pop3 {
              process_limit = 15000
            }
            service anvil {
              client_limit = 30000
            }
            protocol imap {
              mail_max_userip_connections = 100000
            }
            protocol pop3 {
              mail_max_userip_connections = 100000
            }
            """;

    private final DovecotServer server;

    private BenchDovecot(DovecotServer server) {
        this.server = server;
    }

    /** Writes the fixture, appends the limits, starts {@code dovecot -F} and waits for the IMAP greeting. */
    public static BenchDovecot start() throws IOException, InterruptedException {
        // outside JUnit a missing Dovecot is an error, not a skipped test
        if (!Files.isExecutable(DovecotServer.DOVECOT)) {
            throw new IOException("Dovecot is not installed (" + DovecotServer.DOVECOT + "): .ci/install-test-deps");
        }
        return new BenchDovecot(DovecotServer.start(LIMITS));
    }

    public int imapPort() {
        return server.imapPort();
    }

    public int imapsPort() {
        return server.imapsPort();
    }

    public int pop3Port() {
        return server.pop3Port();
    }

    public int pop3sPort() {
        return server.pop3sPort();
    }

    /** The master's pid: the root of the process tree whose CPU and memory are Dovecot's. */
    public long pid() {
        return server.pid();
    }

    public Path certificate() {
        return server.certificate();
    }

    public Path key() {
        return server.dir().resolve("key.pem");
    }

    @Override
    public void close() {
        server.close();
    }
}
