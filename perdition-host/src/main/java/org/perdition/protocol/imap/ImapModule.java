package org.perdition.protocol.imap;

import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.ProtocolModule;
import org.perdition.protocol.SessionContext;

/**
 * IMAP4 before login (spec §3.5). IMAP4S is the same module behind implicit TLS, which the
 * session core sets up; {@link SessionContext#clientTls()} tells the session about it.
 */
public final class ImapModule implements ProtocolModule {

    @Override
    public FrontendSession newSession(SessionContext context) {
        return new ImapFrontendSession(context);
    }
}
