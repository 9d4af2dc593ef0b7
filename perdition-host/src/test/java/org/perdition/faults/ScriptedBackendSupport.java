package org.perdition.faults;

import java.io.IOException;
import org.perdition.abuse.ScriptedBackend;

/** Runs the accepting back-end scripts from just after their greeting (for slow-greeting back-ends). */
final class ScriptedBackendSupport {

    private ScriptedBackendSupport() {
    }

    static void afterGreeting(boolean pop3, ScriptedBackend.Conversation c, String password) throws IOException {
        if (pop3) {
            ScriptedBackend.pop3AfterGreeting(c, password);
        } else {
            ScriptedBackend.imapAfterGreeting(c, password);
        }
    }
}
