package org.perdition.cli;

import java.util.List;
import org.perdition.config.Settings;

/**
 * Options that are parsed and validated but not implemented yet: using one is a start-up error,
 * never a silent no-op. THE one list to shrink as features land.
 */
final class Unsupported {

    /** Long names; explicit use (command line or file) is refused. */
    static final List<String> OPTIONS = List.of(
            "authenticate_in",              // PAM
            "login_disabled");

    static boolean isUnsupported(String longName) {
        return OPTIONS.contains(longName);
    }

    private Unsupported() {
    }

    static void check(Settings settings) throws UsageException {
        for (String name : settings.explicitOptions) {
            if (isUnsupported(name)) {
                throw new UsageException("perdition: not supported yet: --" + name);
            }
        }
    }

    /** Suffix for --help and the man page. */
    static String note(String longName) {
        if (isUnsupported(longName)) {
            return " (not supported yet)";
        }
        return "";
    }
}
