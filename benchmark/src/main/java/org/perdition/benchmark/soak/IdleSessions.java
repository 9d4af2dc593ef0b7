package org.perdition.benchmark.soak;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;

/**
 * Logged-in sessions that sit idle in the proxy's relay. Each round releases a quarter of them
 * (half with LOGOUT/QUIT, half by an abrupt reset), checks that a few of the rest still answer
 * NOOP, and opens new ones up to the target count. Used from one thread.
 */
final class IdleSessions implements AutoCloseable {

    private final int target;
    private final List<Endpoint> endpoints;
    private final Map<String, String> passwords;
    private final SSLContext tls;
    private final Tally tally;
    private final List<MailConnection> held = new ArrayList<>();

    IdleSessions(int target, List<Endpoint> endpoints, Map<String, String> passwords, SSLContext tls, Tally tally) {
        this.target = target;
        this.endpoints = endpoints;
        this.passwords = passwords;
        this.tls = tls;
        this.tally = tally;
    }

    void round() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Collections.shuffle(held, random);
        int release = held.size() / 4;
        for (int i = 0; i < release; i++) {
            MailConnection c = held.remove(held.size() - 1);
            try (c) {
                if (i % 2 == 0) {
                    c.expect(c.command(c.imap() ? "LOGOUT" : "QUIT"), "idle-logout");
                    tally.done("idle-release logout");
                } else {
                    c.abort();
                    tally.done("idle-release reset");
                }
            } catch (IOException | RuntimeException e) {
                tally.error(e);
            }
        }
        for (int i = 0; i < Math.min(5, held.size()); i++) {
            MailConnection c = held.get(i);
            try {
                c.expect(c.command("NOOP"), "idle-noop");
                tally.done("idle-noop");
            } catch (IOException | RuntimeException e) {
                tally.error(e);
                held.remove(i--);
                closeQuietly(c);
            }
        }
        while (held.size() < target) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            Transport transport = endpoint.implicit() ? Transport.IMPLICIT_TLS
                    : random.nextInt(4) == 0 ? Transport.STARTTLS : Transport.PLAIN;
            List<String> users = new ArrayList<>(passwords.keySet());
            String user = users.get(random.nextInt(users.size()));
            try {
                MailConnection c = MailConnection.open(endpoint, transport, tls);
                try {
                    c.expect(c.login(user, passwords.get(user)), "idle-login");
                } catch (IOException | RuntimeException e) {
                    closeQuietly(c);
                    throw e;
                }
                held.add(c);
                tally.done("idle-open");
            } catch (IOException | RuntimeException e) {
                tally.error(e);
                return;   // try again next round rather than hammer a failing proxy
            }
        }
    }

    int size() {
        return held.size();
    }

    /** Releases every session with LOGOUT/QUIT (the end of a phase). */
    @Override
    public void close() {
        for (MailConnection c : held) {
            try (c) {
                c.expect(c.command(c.imap() ? "LOGOUT" : "QUIT"), "idle-logout");
            } catch (IOException | RuntimeException e) {
                tally.error(e);
            }
        }
        held.clear();
    }

    private static void closeQuietly(MailConnection c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already broken; the error was counted
        }
    }
}
