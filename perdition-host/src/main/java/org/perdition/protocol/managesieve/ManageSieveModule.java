package org.perdition.protocol.managesieve;

import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.ProtocolModule;
import org.perdition.protocol.SessionContext;

/** ManageSieve (RFC 5804) before login, spec §3.6: perdition.managesieve, port 4190 (sieve). */
public final class ManageSieveModule implements ProtocolModule {

    @Override
    public FrontendSession newSession(SessionContext context) {
        return new ManageSieveFrontendSession(context);
    }
}
