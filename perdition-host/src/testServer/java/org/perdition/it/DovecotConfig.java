package org.perdition.it;

import java.nio.file.Path;

/**
 * Renders a dovecot.conf (Dovecot 2.3) that keeps every file, socket and log inside one
 * directory and listens on 127.0.0.1 only, so it never meets a system Dovecot.
 *
 * <p>As root, login processes run as {@code dovenull} and auth as {@code dovecot} (Dovecot's
 * defaults) and mail processes as the uid of the passwd-file entries ({@code nobody}). As any
 * other user the "rootless" settings make every process run as the caller and drop the chroots
 * (which need root).
 *
 * @param dir       the fixture directory (base_dir, state_dir, log, cert, users live in it)
 * @param ports     the listeners
 * @param mailUid   first_valid_uid: the uid the mail processes run as
 * @param mailGid   first_valid_gid
 * @param rootless  null when running as root, else the caller's user and group names
 * @param sieve     whether ManageSieve (dovecot-managesieved) is installed
 */
record DovecotConfig(Path dir, DovecotPorts ports, int mailUid, int mailGid, Caller rootless, boolean sieve) {

    /** The non-root user Dovecot runs everything as. */
    record Caller(String user, String group) {
    }

    String render() {
        StringBuilder conf = new StringBuilder();
        conf.append("protocols = imap pop3").append(sieve ? " sieve" : "").append('\n')
                .append("listen = 127.0.0.1\n")
                .append("base_dir = ").append(dir.resolve("run")).append('\n')
                .append("state_dir = ").append(dir.resolve("state")).append('\n')
                // a unique instance name keeps doveadm and the master from confusing instances
                .append("instance_name = dovecot-").append(dir.getFileName()).append('\n')
                .append("log_path = ").append(dir.resolve("dovecot.log")).append('\n')
                // ssl = yes: STARTTLS/STLS on the plain ports, and the implicit-TLS listeners
                .append("ssl = yes\n")
                .append("ssl_cert = <").append(dir.resolve("cert.pem")).append('\n')
                .append("ssl_key = <").append(dir.resolve("key.pem")).append('\n')
                .append("ssl_dh = </usr/share/dovecot/dh.pem\n")
                // perdition logs in before STARTTLS unless told otherwise, so plaintext LOGIN must work
                .append("disable_plaintext_auth = no\n")
                .append("auth_mechanisms = plain login\n")
                .append("mail_location = maildir:~/Maildir\n")
                .append("first_valid_uid = ").append(mailUid).append('\n')
                .append("first_valid_gid = ").append(mailGid).append('\n')
                .append(block("passdb", "  driver = passwd-file\n  args = scheme=PLAIN username_format=%u "
                        + dir.resolve("users") + "\n"))
                .append(block("userdb", "  driver = passwd-file\n  args = username_format=%u "
                        + dir.resolve("users") + "\n"))
                .append(service("imap-login", "imap", ports.imap(), "imaps", ports.imaps()))
                .append(service("pop3-login", "pop3", ports.pop3(), "pop3s", ports.pop3s()));
        if (sieve) {
            conf.append(service("managesieve-login", "sieve", ports.sieve(), "sieves", ports.sieves()))
                    .append(block("plugin", "  sieve = file:~/sieve;active=~/.dovecot.sieve\n"));
        }
        // stable UIDLs, independent of the maildir file names
        conf.append(block("protocol pop3", "  pop3_uidl_format = %08Xu%08Xv\n"));
        if (rootless != null) {
            conf.append(rootlessSettings());
        }
        return conf.toString();
    }

    private String rootlessSettings() {
        StringBuilder conf = new StringBuilder()
                .append("default_login_user = ").append(rootless.user()).append('\n')
                .append("default_internal_user = ").append(rootless.user()).append('\n')
                .append("default_internal_group = ").append(rootless.group()).append('\n');
        String[] chrooted = sieve
                ? new String[] {"anvil", "imap-login", "pop3-login", "managesieve-login"}
                : new String[] {"anvil", "imap-login", "pop3-login"};
        for (String service : chrooted) {
            conf.append(block("service " + service, "  chroot =\n"));
        }
        return conf.toString();
    }

    private static String service(String name, String plain, int plainPort, String tls, int tlsPort) {
        return block("service " + name,
                "  inet_listener " + plain + " {\n    port = " + plainPort + "\n  }\n"
                + "  inet_listener " + tls + " {\n    port = " + tlsPort + "\n    ssl = yes\n  }\n");
    }

    private static String block(String header, String body) {
        return header + " {\n" + body + "}\n";
    }
}
