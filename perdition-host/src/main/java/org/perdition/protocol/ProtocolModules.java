package org.perdition.protocol;

import org.perdition.config.Protocol;
import org.perdition.protocol.imap.ImapModule;
import org.perdition.protocol.pop3.Pop3Module;

/** The protocol module for each wire protocol. */
public final class ProtocolModules {

    private ProtocolModules() {
    }

    /** @throws IllegalArgumentException for protocols not built yet (ManageSieve comes with a later issue) */
    public static ProtocolModule forProtocol(Protocol protocol) {
        return switch (protocol.family()) {
            case POP3 -> new Pop3Module();
            case IMAP4 -> new ImapModule();
            case MANAGESIEVE -> throw new IllegalArgumentException("not supported yet: --protocol MANAGESIEVE");
        };
    }
}
