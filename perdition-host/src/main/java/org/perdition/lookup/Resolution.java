package org.perdition.lookup;

/**
 * Where to send one login (spec §3.3 steps 3 to 8, §4).
 *
 * @param server     the back-end, or null: "failed: Could not determine server"
 * @param remoteUser the name to log in to the back-end with (after -U and the remote_login rules)
 * @param authorisationIdForLog the authentication id as the Auth line shows it (the -U name when substituted)
 * @param localAuthUser the name for -a (PAM), after -U and the local_authentication rules (spec §4.4)
 */
public record Resolution(BackendAddress server, String remoteUser, String authorisationIdForLog,
                         String localAuthUser) {

    /** A resolution whose local-authentication name is the remote name (no name rules apply). */
    public Resolution(BackendAddress server, String remoteUser, String authorisationIdForLog) {
        this(server, remoteUser, authorisationIdForLog, remoteUser);
    }

    public boolean found() {
        return server != null;
    }
}
