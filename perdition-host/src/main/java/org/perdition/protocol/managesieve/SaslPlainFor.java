package org.perdition.protocol.managesieve;

import org.perdition.protocol.Credentials;
import org.perdition.protocol.SaslPlain;

/**
 * The PLAIN response we send the back-end (spec §3.6 "Back-end dialogue"). The name for the
 * back-end ({@code remoteUser}: the login id after popmap {@code -U} and the remote_login rules)
 * replaces the id it came from: the authzid when the client sent one (the authcid then goes on
 * unchanged, as perdition logged {@code authorisation_id="admin" authentication_id="bob"}), else
 * the authcid. IMAP and POP3 log in with the same {@code remoteUser} as their user name.
 */
final class SaslPlainFor {

    private SaslPlainFor() {
    }

    static String backend(Credentials credentials, String remoteUser) {
        if (credentials.authorisationId() != null && !credentials.authorisationId().isEmpty()) {
            return SaslPlain.encode(remoteUser, credentials.user(), credentials.password());
        }
        return SaslPlain.encode(null, remoteUser, credentials.password());
    }
}
