package org.perdition.session;

import org.perdition.config.Settings;
import org.perdition.log.SessionLog.AuthAttempt;
import org.perdition.lookup.Resolution;
import org.perdition.protocol.Credentials;

/** Builds the fields of an {@code Auth:} line (spec §6.1) from a login and where it went. */
final class AuthLines {

    private AuthLines() {
    }

    static AuthAttempt attempt(Credentials credentials, Resolution resolution, Settings settings,
                               Security clientSide, Security serverSide, String status) {
        String server = resolution != null && resolution.server() != null
                ? resolution.server().toString()
                : "(null):" + settings.effectiveOutgoingPort();
        String authenticationId = resolution != null && resolution.authorisationIdForLog() != null
                ? resolution.authorisationIdForLog() : credentials.user();
        // The real state of both sides, never reset by a failed login (perdition's bug B4).
        return new AuthAttempt(credentials.authorisationId(), authenticationId, credentials.password(), server,
                clientSide.logName(), serverSide.logName(), status);
    }
}
