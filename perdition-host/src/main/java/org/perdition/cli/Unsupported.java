package org.perdition.cli;

import java.util.List;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;

/**
 * Options that are parsed and validated but not implemented yet: using one is a start-up error,
 * never a silent no-op. THE one list to shrink as features land.
 */
final class Unsupported {

    /** Long names; explicit use (command line or file) is refused. */
    static final List<String> OPTIONS = List.of(
            "inetd_mode",
            "username",                     // privilege drop
            "group",
            "pid_file",
            "client_server_specification",  // -c
            "query_key",
            "strip_domain",                 // -S
            "add_domain",                   // -A
            "explicit_domain",              // -e
            "lower_case");

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
        if (settings.explicitOptions.contains("log_facility") && Values.isSyslogFacility(settings.logFacility)) {
            throw new UsageException("perdition: not supported yet: --log_facility " + settings.logFacility
                    + " (syslog)");
        }
        if (settings.protocol == Protocol.MANAGESIEVE) {
            throw new UsageException("perdition: not supported yet: --protocol MANAGESIEVE");
        }
    }

    /** Suffix for --help and the man page. */
    static String note(String longName) {
        if (isUnsupported(longName)) {
            return " (not supported yet)";
        }
        if (longName.equals("log_facility")) {
            return " (syslog facilities not supported yet)";
        }
        return "";
    }
}
