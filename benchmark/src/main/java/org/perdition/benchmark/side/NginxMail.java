package org.perdition.benchmark.side;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private nginx with the mail module (Debian: libnginx-mod-mail): its own config, pid file, error
 * log and prefix under {@code dir}, in the foreground (daemon off) so the master's pid is ours to
 * measure, with one worker per core (worker_processes auto), epoll, and one mail server per
 * protocol and TLS mode. The system nginx is never touched.
 */
final class NginxMail {

    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final Path MAIL_MODULE = Path.of("/usr/lib/nginx/modules/ngx_mail_module.so");

    record Server(Proto proto, int port, boolean tls) {
    }

    private final Path dir;
    private final int authPort;
    private final Path cert;
    private final Path key;
    private final List<Server> servers = new ArrayList<>();

    NginxMail(Path dir, int authPort, Path cert, Path key) {
        this.dir = dir;
        this.authPort = authPort;
        this.cert = cert;
        this.key = key;
    }

    static boolean installed() {
        return Files.isExecutable(NGINX) && Files.isReadable(MAIL_MODULE);
    }

    void server(Proto proto, int port, boolean tls) {
        servers.add(new Server(proto, port, tls));
    }

    List<Server> servers() {
        return servers;
    }

    String config() {
        StringBuilder c = new StringBuilder()
                .append("load_module ").append(MAIL_MODULE).append(";\n")
                .append("daemon off;\nmaster_process on;\nworker_processes auto;\n")
                .append("worker_rlimit_nofile 40000;\n")
                .append("pid ").append(dir.resolve("nginx.pid")).append(";\n")
                .append("error_log ").append(dir.resolve("error.log")).append(" warn;\n")
                .append("events {\n  use epoll;\n  worker_connections 20000;\n}\n")
                .append("mail {\n  auth_http 127.0.0.1:").append(authPort).append("/auth;\n")
                .append("  proxy_pass_error_message on;\n")
                .append("  ssl_certificate ").append(cert).append(";\n")
                .append("  ssl_certificate_key ").append(key).append(";\n");
        for (Server s : servers) {
            c.append("  server {\n    listen 127.0.0.1:").append(s.port()).append(s.tls() ? " ssl" : "")
                    .append(";\n    protocol ").append(s.proto() == Proto.IMAP ? "imap" : "pop3").append(";\n  }\n");
        }
        return c.append("}\n").toString();
    }

    Process start() throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config());
        return new ProcessBuilder(NGINX.toString(), "-c", conf.toString(), "-p", dir.toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    }
}
