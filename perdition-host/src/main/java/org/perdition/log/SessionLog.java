package org.perdition.log;

import java.net.InetSocketAddress;
import org.perdition.config.Settings;

/**
 * The per-session lines of spec §6.1: {@code Connect:}, {@code Auth:}, {@code Closing session:}
 * and {@code Closing NULL session:}, with perdition's field names and order. Client-supplied
 * names are sanitised (fixing bug B6); passwords appear only as --log_passwd (with -d) allows.
 */
public final class SessionLog {

    /** Everything an Auth line reports about one login attempt. */
    public record AuthAttempt(String authorisationId, String authenticationId, String password,
                              String server, String clientSecure, String serverSecure, String status) {

        public boolean ok() {
            return "ok".equals(status);
        }

        /** The same line with no password, for holders that outlive the login (issue 9, secrets). */
        public AuthAttempt withoutPassword() {
            return new AuthAttempt(authorisationId, authenticationId, null, server, clientSecure, serverSecure,
                    status);
        }

        @Override
        public String toString() {
            return "AuthAttempt[" + authenticationId + " " + server + " " + status + "]";
        }
    }

    private final Settings settings;
    private final String fromTo;

    public SessionLog(Settings settings, InetSocketAddress client, InetSocketAddress local) {
        this.settings = settings;
        this.fromTo = fromTo(client, local);
    }

    /** {@code " client_ip:port->local_ip:port"}, leading space included; empty if either is unknown. */
    static String fromTo(InetSocketAddress client, InetSocketAddress local) {
        if (client == null || local == null) {
            return "";
        }
        return " " + ip(client) + ":" + client.getPort() + "->" + ip(local) + ":" + local.getPort();
    }

    private static String ip(InetSocketAddress address) {
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    public void connect() {
        // perdition writes two spaces after "Connect:" (spec §6.1).
        Log.info("Connect: " + fromTo + (settings.inetdMode ? " inetd_pid=" + inetdPid() : ""));
    }

    /** -i: perdition logs its parent, the inetd that accepted the connection (spec §6.1, §7.6). */
    private static long inetdPid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
    }

    public void auth(AuthAttempt attempt) {
        StringBuilder line = new StringBuilder("Auth:").append(fromTo)
                .append(" client-secure=").append(attempt.clientSecure())
                .append(" authorisation_id=").append(quotedOrNone(attempt.authorisationId()))
                .append(" authentication_id=\"").append(Log.sanitize(attempt.authenticationId())).append('"');
        if (settings.debug && settings.logPasswd.logs(attempt.ok()) && attempt.password() != null) {
            line.append(" passwd=\"").append(Log.sanitize(attempt.password())).append('"');
        }
        line.append(" server=\"").append(Log.sanitize(attempt.server())).append('"')
                .append(" protocol=").append(settings.protocol.name())
                .append(" server-secure=").append(attempt.serverSecure())
                .append(" status=\"").append(attempt.status()).append('"');
        Log.notice(line.toString());
    }

    public void closing(String authorisationId, String authenticationId, long received, long sent) {
        Log.info("Closing session:" + fromTo + " authorisation_id=" + quotedOrNone(authorisationId)
                + " authentication_id=\"" + Log.sanitize(authenticationId) + "\" received=" + received
                + " sent=" + sent);
    }

    public void closingNull() {
        Log.info("Closing NULL session:" + fromTo + " authorisation_id=NONE authentication_id=\"(null)\"");
    }

    public String fromTo() {
        return fromTo;
    }

    private static String quotedOrNone(String id) {
        return id == null ? "NONE" : "\"" + Log.sanitize(id) + "\"";
    }
}
