package org.perdition.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.perdition.it.DovecotServer;

/**
 * The shared private {@link DovecotServer}, with the generated accounts of the integrity suite
 * added to its passwd-file and their Maildirs written, and the load limits a thousand concurrent
 * sessions need (the defaults allow 10 connections per user and IP and 100 processes per service).
 *
 * <p>The accounts are added after start: Dovecot's passwd-file driver stats the file on every
 * lookup and re-reads it when it changed, so the fixture class is reused unchanged.
 */
final class ManyUsersDovecot implements AutoCloseable {

    /** As the benchmark's BenchDovecot: "performance mode" login processes, process limits raised. */
    private static final String LIMITS = """
            mail_max_userip_connections = 100000
            default_process_limit = 5000
            default_client_limit = 10000
            default_vsz_limit = 0
            service imap-login {
              service_count = 0
              process_min_avail = 2
              client_limit = 10000
            }
            service pop3-login {
              service_count = 0
              process_min_avail = 2
              client_limit = 10000
            }
            service imap {
              process_limit = 5000
            }
            service pop3 {
              process_limit = 5000
            }
            service anvil {
              client_limit = 20000
            }
            """;

    /** Dovecot's login line, e.g. {@code imap-login: Login: user=<u0001>, method=PLAIN, ...}. */
    private static final Pattern LOGIN = Pattern.compile("(imap|pop3)-login: (?:Info: )?Login: user=<([^>]*)>");

    private final DovecotServer server;

    private ManyUsersDovecot(DovecotServer server) {
        this.server = server;
    }

    static ManyUsersDovecot start(List<UserMailbox> users) throws IOException, InterruptedException {
        DovecotServer server = DovecotServer.start(LIMITS);
        try {
            addUsers(server.dir(), users);
            return new ManyUsersDovecot(server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    int imapPort() {
        return server.imapPort();
    }

    int pop3Port() {
        return server.pop3Port();
    }

    long pid() {
        return server.pid();
    }

    String log() {
        return server.log();
    }

    /** Successful logins per protocol ("imap", "pop3") and user, from Dovecot's own log. */
    Map<String, Map<String, Integer>> loginsByProtocolAndUser() throws IOException {
        Map<String, Map<String, Integer>> logins = new TreeMap<>();
        for (String line : Files.readAllLines(server.dir().resolve("dovecot.log"), StandardCharsets.ISO_8859_1)) {
            Matcher m = LOGIN.matcher(line);
            if (m.find()) {
                logins.computeIfAbsent(m.group(1), p -> new TreeMap<>()).merge(m.group(2), 1, Integer::sum);
            }
        }
        return logins;
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * Appends the users to the passwd-file with the uid and gid of the fixture's own entries (the
     * caller's, or nobody's when run as root) and writes their Maildirs, owned by that uid.
     */
    private static void addUsers(Path dir, List<UserMailbox> users) throws IOException {
        String[] first = Files.readAllLines(dir.resolve("users")).get(0).split(":");
        int uid = Integer.parseInt(first[2]);
        int gid = Integer.parseInt(first[3]);
        StringBuilder entries = new StringBuilder();
        for (UserMailbox user : users) {
            Path home = dir.resolve("mail").resolve(user.user());
            entries.append(user.user()).append(":{PLAIN}").append(user.password())
                    .append(':').append(uid).append(':').append(gid).append("::").append(home).append("::\n");
            writeMaildir(home.resolve("Maildir"), user.messages());
        }
        boolean root = ((Integer) Files.getAttribute(dir, "unix:uid")) == 0;
        if (root) {
            try (Stream<Path> paths = Files.walk(dir.resolve("mail"))) {
                for (Path path : paths.toList()) {
                    Files.setAttribute(path, "unix:uid", uid);
                    Files.setAttribute(path, "unix:gid", gid);
                }
            }
        }
        // written last: a user becomes visible only once the Maildir is complete
        Files.writeString(dir.resolve("users"), entries, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** cur/ as unseen; base names sort in INBOX order, the order Dovecot gives UIDs in. */
    private static void writeMaildir(Path maildir, List<byte[]> messages) throws IOException {
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        for (int i = 0; i < messages.size(); i++) {
            Files.write(maildir.resolve("cur").resolve((1_700_000_000 + i) + ".M" + (i + 1) + "P1.integrity:2,"),
                    messages.get(i));
        }
    }
}
