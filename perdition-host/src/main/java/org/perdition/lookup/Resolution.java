package org.perdition.lookup;

/**
 * Where to send one login (spec §3.3 steps 3 to 8, §4).
 *
 * @param server     the back-end, or null: "failed: Could not determine server"
 * @param remoteUser the name to log in to the back-end with (after -U and the remote_login rules)
 * @param authorisationIdForLog the authentication id as the Auth line shows it (the -U name when substituted)
 */
public record Resolution(BackendAddress server, String remoteUser, String authorisationIdForLog) {

    public boolean found() {
        return server != null;
    }
}
