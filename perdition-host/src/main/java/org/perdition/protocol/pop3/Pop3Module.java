package org.perdition.protocol.pop3;

import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.ProtocolModule;
import org.perdition.protocol.SessionContext;

/** POP3 (RFC 1939, CAPA RFC 2449, STLS RFC 2595, AUTH RFC 5034) before login, as perdition speaks it (spec §3.4). */
public final class Pop3Module implements ProtocolModule {

    @Override
    public FrontendSession newSession(SessionContext context) {
        return new Pop3FrontendSession(context);
    }
}
