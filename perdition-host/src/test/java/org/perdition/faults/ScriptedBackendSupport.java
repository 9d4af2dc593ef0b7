package org.perdition.faults;

import java.io.IOException;
import org.perdition.abuse.ScriptedBackend;

/** Runs the accepting back-end scripts from just after their greeting (for slow-greeting back-ends). */
final class ScriptedBackendSupport {

    private ScriptedBackendSupport() {
    }

    static void afterGreeting(BackendFaultTest.Proto proto, ScriptedBackend.Conversation c, String password)
            throws IOException {
        switch (proto) {
            case POP3 -> ScriptedBackend.pop3AfterGreeting(c, password);
            case IMAP -> ScriptedBackend.imapAfterGreeting(c, password);
            case MANAGESIEVE -> ScriptedBackend.sieveAfterGreeting(c, password);
        }
    }
}
