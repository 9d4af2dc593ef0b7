package org.perdition.protocol;

import org.perdition.config.Protocol;
import org.perdition.protocol.imap.ImapModule;
import org.perdition.protocol.managesieve.ManageSieveModule;
import org.perdition.protocol.pop3.Pop3Module;

/** The protocol module for each wire protocol. */
public final class ProtocolModules {

    private ProtocolModules() {
    }

    public static ProtocolModule forProtocol(Protocol protocol) {
        return switch (protocol.family()) {
            case POP3 -> new Pop3Module();
            case IMAP4 -> new ImapModule();
            case MANAGESIEVE -> new ManageSieveModule();
        };
    }
}
