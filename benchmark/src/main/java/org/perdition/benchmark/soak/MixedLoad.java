package org.perdition.benchmark.soak;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;

/**
 * The soak's mixed load, one iteration at a time, from worker threads: good logins with message
 * reads (byte-compared with the Maildir), logins without reads, failed logins, clients that
 * vanish after login, over plain text, STARTTLS/STLS and implicit TLS, IMAP and POP3.
 * Idle sessions are held by {@link IdleSessions}.
 */
final class MixedLoad {

    /** Message 4 is the fixture's 10 MiB one: read now and then, it crosses every buffer. */
    private static final int BIG_MESSAGE = 4;

    private final List<Endpoint> endpoints;
    private final Map<String, String> passwords;
    private final Map<String, List<byte[]>> mailboxes;
    private final SSLContext tls;
    private final Tally tally;

    MixedLoad(List<Endpoint> endpoints, Map<String, String> passwords, Map<String, List<byte[]>> mailboxes,
              SSLContext tls, Tally tally) {
        this.endpoints = endpoints;
        this.passwords = passwords;
        this.mailboxes = mailboxes;
        this.tls = tls;
        this.tally = tally;
    }

    /** One randomly chosen operation; failures are counted, never thrown. */
    void once() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
        Transport transport = endpoint.implicit() ? Transport.IMPLICIT_TLS
                : random.nextBoolean() ? Transport.PLAIN : Transport.STARTTLS;
        List<String> users = new ArrayList<>(passwords.keySet());
        String user = users.get(random.nextInt(users.size()));
        int pick = random.nextInt(100);
        String kind = pick < 55 ? "login+read" : pick < 70 ? "login+logout" : pick < 85 ? "failed-login" : "vanish";
        try (MailConnection c = MailConnection.open(endpoint, transport, tls)) {
            if (kind.equals("failed-login")) {
                String status = c.login(user, passwords.get(user) + "-wrong");
                if (MailConnection.ok(status)) {
                    throw new SoakFailure("wrong-password-accepted", user);
                }
                c.command(c.imap() ? "LOGOUT" : "QUIT");
            } else {
                c.expect(c.login(user, passwords.get(user)), "login");
                if (kind.equals("login+read")) {
                    int message = random.nextInt(50) == 0 ? BIG_MESSAGE : 1 + random.nextInt(3);
                    if (c.imap()) {
                        c.expect(c.command("EXAMINE INBOX"), "examine");
                    }
                    byte[] got = c.read(message);
                    if (!Arrays.equals(got, mailboxes.get(user).get(message - 1))) {
                        throw new SoakFailure("content-mismatch", user + " message " + message + ": " + got.length
                                + " bytes, expected " + mailboxes.get(user).get(message - 1).length);
                    }
                    kind = message == BIG_MESSAGE ? "login+read-10MiB" : kind;
                }
                if (kind.equals("vanish")) {
                    c.abort();
                } else {
                    c.expect(c.command(c.imap() ? "LOGOUT" : "QUIT"), "logout");
                }
            }
            tally.done(kind + " " + (endpoint.imap() ? "imap" : "pop3") + " " + transport.name().toLowerCase());
        } catch (IOException | RuntimeException e) {
            tally.error(e);
        }
    }
}
