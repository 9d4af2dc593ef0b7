package org.perdition.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fills a fixture directory for {@link DovecotServer}: certificate, passwd-file, Maildirs and
 * dovecot.conf. Layout: {@code cert.pem key.pem users dovecot.conf run/ state/ mail/<user>/Maildir}.
 */
final class DovecotDirectory {

    private static final Path SIEVE_LOGIN = Path.of("/usr/lib/dovecot/managesieve-login");

    private final Path dir;
    private final DovecotPorts ports;

    DovecotDirectory(Path dir, DovecotPorts ports) {
        this.dir = dir;
        this.ports = ports;
    }

    /** Writes everything and returns each user's INBOX. */
    Map<String, List<TestMessage>> populate() throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("state"));
        PosixFileAttributes self = Files.readAttributes(dir, PosixFileAttributes.class);
        boolean root = ((Integer) Files.getAttribute(dir, "unix:uid")) == 0;
        int mailUid;
        int mailGid;
        DovecotConfig.Caller rootless;
        if (root) {
            // Dovecot refuses uid 0 for mail processes; nobody can only read what it owns
            mailUid = numericId("-u");
            mailGid = numericId("-g");
            rootless = null;
            // login processes (dovenull) and mail processes (nobody) must traverse the directory
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
            mailUid = (Integer) Files.getAttribute(dir, "unix:uid");
            mailGid = (Integer) Files.getAttribute(dir, "unix:gid");
            rootless = new DovecotConfig.Caller(self.owner().getName(), self.group().getName());
        }
        writeCertificate();
        Map<String, List<TestMessage>> mailboxes = writeMailboxes(mailUid, mailGid);
        if (root) {
            chownTree(dir.resolve("mail"), mailUid, mailGid);
        }
        boolean sieve = Files.isExecutable(SIEVE_LOGIN);
        Files.writeString(dir.resolve("dovecot.conf"),
                new DovecotConfig(dir, ports, mailUid, mailGid, rootless, sieve).render());
        return mailboxes;
    }

    private Map<String, List<TestMessage>> writeMailboxes(int uid, int gid) throws IOException {
        StringBuilder users = new StringBuilder();
        Map<String, List<TestMessage>> mailboxes = new LinkedHashMap<>();
        for (String user : DovecotServer.USERS.keySet().stream().sorted().toList()) {
            Path home = dir.resolve("mail").resolve(user);
            // passwd-file: user:{scheme}password:uid:gid:gecos:home:shell
            users.append(user).append(":{PLAIN}").append(DovecotServer.USERS.get(user))
                    .append(':').append(uid).append(':').append(gid).append("::").append(home).append("::\n");
            Files.createDirectories(home.resolve("sieve"));
            List<TestMessage> messages = TestMessages.forUser(user);
            writeMaildir(home.resolve("Maildir"), messages);
            mailboxes.put(user, messages);
        }
        Files.writeString(dir.resolve("users"), users, StandardCharsets.UTF_8);
        return mailboxes;
    }

    /**
     * All messages go to cur/ as unseen ({@code :2,}); the base names sort in INBOX order, which
     * is the order Dovecot assigns UIDs in on the first scan.
     */
    private static void writeMaildir(Path maildir, List<TestMessage> messages) throws IOException {
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        for (int i = 0; i < messages.size(); i++) {
            String name = (1_700_000_000 + i) + ".M" + (i + 1) + "P1.fixture:2,";
            Files.write(maildir.resolve("cur").resolve(name), messages.get(i).bytes());
        }
    }

    private void writeCertificate() throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        if (openssl.waitFor() != 0) {
            throw new IOException("openssl req failed:\n" + FileTrees.readQuietly(dir.resolve("openssl.log")));
        }
        Files.setPosixFilePermissions(dir.resolve("cert.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir.resolve("key.pem"), PosixFilePermissions.fromString("rw-------"));
    }

    /** {@code id -u nobody} / {@code id -g nobody}. */
    private static int numericId(String flag) throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", flag, "nobody").redirectErrorStream(true).start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (id.waitFor() != 0) {
            throw new IOException("id " + flag + " nobody failed: " + out);
        }
        return Integer.parseInt(out);
    }

    private static void chownTree(Path top, int uid, int gid) throws IOException {
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path path : paths.toList()) {
                Files.setAttribute(path, "unix:uid", uid);
                Files.setAttribute(path, "unix:gid", gid);
            }
        }
    }
}
