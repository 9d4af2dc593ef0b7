package org.perdition.cli;

import static org.perdition.cli.OptionTable.flag;
import static org.perdition.cli.OptionTable.value;

import java.util.List;
import org.perdition.config.Settings;

/** perdition 2.2's general options (spec §1.1), alphabetical by long name as in its help. */
final class GeneralOptions {

    private static final OptionGroup G = OptionGroup.GENERAL;
    private static final String STATES = "STATE[,STATE...]";

    private GeneralOptions() {
    }

    static List<OptionSpec> specs() {
        return List.of(
                value("A", "add_domain", STATES + "[,DEPTH]", G, "none; depth 1",
                        "Append <delimiter><domain> to names without a delimiter in the listed states; "
                        + "a number sets how many labels to drop from the reverse DNS name.",
                        (s, v) -> StateLists.states(v, s.addDomain, d -> s.addDomainStripDepth = d)).accumulating(),
                flag("a", "authenticate_in", G, "Authenticate locally with PAM before contacting the back-end.",
                        s -> s.authenticateIn = true),
                value(null, "authenticate_timeout", "SECONDS", G, "1800",
                        "Idle timeout until the back-end login succeeded; 0 = none.",
                        (s, v) -> s.authenticateTimeout = Values.seconds(v)),
                flag("B", "no_bind_banner", G, "Take the greeting host name from uname, not from the local address.",
                        s -> s.noBindBanner = true),
                value("b", "bind_address", "HOST[:PORT][,...]", G, "0.0.0.0",
                        "Addresses to listen on; IPv6 as [addr]:port; no port means --listen_port.",
                        (s, v) -> Values.hostPorts(v, s.bindAddresses::add)).accumulating(),
                flag("C", "connection_logging", G, "Log the traffic of each session after login at debug level (needs -d); credentials are never dumped.",
                        s -> s.connectionLogging = true),
                value(null, "connect_relog", "SECONDS", G, "300",
                        "Repeat the Auth: log line this often while a session is open; 0 = never.",
                        (s, v) -> s.connectRelog = Values.seconds(v)),
                flag("c", "client_server_specification", G,
                        "Let clients choose the back-end with user<delimiter>host[:port].",
                        s -> s.clientServerSpecification = true),
                value("D", "domain_delimiter", "STRING", G, "@",
                        "Separator of user and domain (and of user and host in map values); may be several characters.",
                        (s, v) -> s.domainDelimiter = Values.delimiter(v)),
                flag("d", "debug", G, "Log at debug level.", s -> s.debug = true),
                value("e", "explicit_domain", "DOMAIN", G, null,
                        "Domain for --add_domain instead of the reverse DNS name.",
                        (s, v) -> s.explicitDomain = Values.optional(v)),
                value("F", "log_facility", "FACILITY", G, "mail",
                        "Where to log: /file, - (stdout), + (stderr) or a syslog facility.",
                        (s, v) -> s.logFacility = Values.logFacility(v)),
                value("f", "config_file", "FILE", G, "see FILES",
                        "Read options from FILE; \"\" reads none. Ignored inside a config file.",
                        (s, v) -> { }),
                value("g", "group", "GROUP", G, "nogroup",
                        "Group to run as once the sockets are bound (only when started as root).",
                        (s, v) -> s.group = Values.nonEmpty(v, "a group name or id")),
                flag("h", "help", G, "Print this help and exit.", s -> { }),
                value("I", "capability", "STRING", G, null,
                        "Deprecated: set --imap_capability, --pop_capability and --managesieve_capability at once.",
                        (s, v) -> {
                            s.imapCapability = v;
                            s.popCapability = v;
                            s.managesieveCapability = v;
                        }).recording("capability", "imap_capability", "pop_capability", "managesieve_capability"),
                value(null, "imap_capability", "STRING", G, "IMAP4 IMAP4REV1",
                        "Capabilities announced to IMAP clients, separated by spaces.",
                        (s, v) -> s.imapCapability = v),
                flag("i", "inetd_mode", G, "Serve the one connection on standard input and output (inetd), then exit.",
                        s -> s.inetdMode = true),
                value("L", "connection_limit", "N", G, "0",
                        "Most connections served at once; 0 = no limit.",
                        (s, v) -> s.connectionLimit = Values.digits(v, Integer.MAX_VALUE, "a number of connections")),
                value("l", "listen_port", "PORT", G, "protocol default",
                        "Port to listen on (number or service name).",
                        (s, v) -> s.listenPort = Values.port(v)),
                flag(null, "login_disabled", G, "Refuse every login and announce LOGINDISABLED.",
                        s -> s.loginDisabled = true),
                value(null, "log_passwd", "WHEN", G, "never",
                        "Log passwords on Auth: lines: never, fail, ok or always (needs -d).",
                        (s, v) -> s.logPasswd = Values.logPasswd(v)),
                value(null, "lower_case", STATES, G, "none",
                        "Lower-case the user name in the listed states.",
                        (s, v) -> StateLists.states(v, s.lowerCase, null)).accumulating(),
                value(null, "managesieve_capability", "STRING", G, "see man page",
                        "Capability lines announced to ManageSieve clients, items separated by two spaces.",
                        (s, v) -> s.managesieveCapability = v),
                value("M", "map_library", "MAP", G, Settings.DEFAULT_MAP_LIBRARY,
                        "Popmap: a plugin id, a plugin jar or a perdition library path; \"\" = no map.",
                        (s, v) -> s.mapLibrary = Values.optional(v)),
                value("m", "map_library_opt", "STRING", G, null, "Option string handed to the map.",
                        (s, v) -> s.mapLibraryOptions = Values.optional(v)),
                flag(null, "no_daemon", G, "Stay in the foreground.", s -> s.noDaemon = true),
                flag("n", "no_lookup", G, "Use numeric default ports and a numeric greeting host.",
                        s -> s.noLookup = true),
                value("O", "ok_line", "STRING", G, "You are so in", "Text of the successful login reply.",
                        (s, v) -> s.okLine = v),
                flag("o", "server_resp_line", G, "Relay the back-end's login reply instead of --ok_line.",
                        s -> s.serverRespLine = true),
                flag(null, "server_ok_line", G, "Deprecated alias of --server_resp_line.",
                        s -> s.serverRespLine = true).recording("server_resp_line"),
                value("P", "protocol", "PROTOCOL", G, "from the program name",
                        "POP3, POP3S, IMAP4, IMAP4S or MANAGESIEVE (any case).",
                        (s, v) -> s.protocol = Values.protocol(v)),
                value("p", "outgoing_port", "PORT", G, "protocol default",
                        "Back-end port when the map or -s names none.",
                        (s, v) -> s.outgoingPort = Values.port(v)),
                value(null, "pid_file", "FILE", G, "/var/run/<program>/<program>.pid",
                        "Absolute path of the pid file; \"\" writes none.",
                        (s, v) -> s.pidFile = Values.pidFile(v)),
                value(null, "pop_capability", "STRING", G, "UIDL.USER",
                        "Capabilities announced to POP3 clients, separated by dots.",
                        (s, v) -> s.popCapability = v),
                value("S", "strip_domain", STATES, G, "none",
                        "Remove <delimiter>domain from the user name in the listed states.",
                        (s, v) -> StateLists.states(v, s.stripDomain, null)).accumulating(),
                value("s", "outgoing_server", "HOST[:PORT][,...]", G, null,
                        "Back-ends used when the map gives none, tried in turn.",
                        (s, v) -> Values.hostPorts(v, s.outgoingServers::add)).accumulating(),
                value("t", "timeout", "SECONDS", G, "1800", "Idle timeout after login; 0 = none.",
                        (s, v) -> s.timeout = Values.seconds(v)),
                flag(null, "tcp_keepalive", G, "Set SO_KEEPALIVE on client and back-end connections.",
                        s -> s.tcpKeepalive = true),
                value("u", "username", "USER", G, "nobody",
                        "User to run as once the sockets are bound, with its groups (only when started as root).",
                        (s, v) -> s.username = Values.nonEmpty(v, "a user name or id")),
                flag("U", "username_from_database", G,
                        "Log in to the back-end as the user part of the map value, if it has one.",
                        s -> s.usernameFromDatabase = true),
                flag("q", "quiet", G, "Log errors only (-d wins).", s -> s.quiet = true),
                value(null, "query_key", "FORMAT[,FORMAT...]", G, null,
                        "Map keys to try in turn; escapes \\U \\u \\D \\d \\i \\I \\p \\P \\\\.",
                        (s, v) -> Values.queryKeys(v, s.queryKeys::add)).accumulating());
    }
}
