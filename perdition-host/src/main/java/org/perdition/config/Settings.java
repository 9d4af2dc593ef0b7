package org.perdition.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every perdition 2.2 option (spec §1) plus our own, after the command line, the config
 * file and the defaults were merged (command line beats file beats default).
 *
 * <p>Filled in once by {@code org.perdition.cli.SettingsLoader}; everything after start-up
 * treats it as read-only. Fields carry perdition's Debian defaults. A {@code null} string
 * means "not set" (perdition's "" for most options).
 */
public final class Settings {

    /** perdition's default map library; the gdbm plugin maps to it. */
    public static final String DEFAULT_MAP_LIBRARY = "/usr/lib/x86_64-linux-gnu/libperditiondb_gdbm.so.0";

    /** Default capability list of ManageSieve (spec §3.6), items separated by two spaces. */
    public static final String DEFAULT_MANAGESIEVE_CAPABILITY =
            "\"IMPLEMENTATION\" \"perdition\"  "
            + "\"SIEVE\" \"comparator-i;octet comparator-i;ascii-casemap fileinto reject envelope "
            + "encoded-character vacation subaddress comparator-i;ascii-numeric relational regex "
            + "imap4flags copy include variables body enotify environment mailbox date\"  "
            + "\"SASL\" \"PLAIN\"  \"NOTIFY\" \"mailto\"  \"VERSION\" \"1.0\"";

    // ---- invocation ----
    /** Basename of the launcher: the log ident and the default protocol (spec §2.1). */
    public String programName = "perdition";
    public Protocol protocol = Protocol.POP3;
    /** The config file that was read, or null when none. */
    public Path configFile;
    /** Long names of the options that the command line or the config file set explicitly. */
    public final Set<String> explicitOptions = new LinkedHashSet<>();

    // ---- popmap and server selection (spec §4) ----
    public String mapLibrary = DEFAULT_MAP_LIBRARY;      // -M; "" = no map
    public String mapLibraryOptions;                      // -m
    public Path pluginDirectory;                          // ours: --plugin_dir
    public final List<String> outgoingServers = new ArrayList<>();   // -s entries, host[:port]
    public String outgoingPort;                           // -p; null = protocol default
    public String domainDelimiter = "@";                  // -D
    public boolean usernameFromDatabase;                  // -U
    public boolean clientServerSpecification;             // -c
    public final List<String> queryKeys = new ArrayList<>();         // --query_key
    public final EnumSet<UserState> stripDomain = EnumSet.noneOf(UserState.class);   // -S
    public final EnumSet<UserState> addDomain = EnumSet.noneOf(UserState.class);     // -A
    public int addDomainStripDepth = 1;                   // -A digits
    public final EnumSet<UserState> lowerCase = EnumSet.noneOf(UserState.class);     // --lower_case
    public String explicitDomain;                         // -e
    /** Ours: --client_server_allow patterns; empty = -c may name any back-end (perdition's bug B23). */
    public final List<String> clientServerAllow = new ArrayList<>();
    /** Ours: --proxy_protocol, balancers trusted to send a PROXY header; empty = no PROXY header expected. */
    public final List<String> proxyProtocolFrom = new ArrayList<>();

    // ---- listening ----
    public final List<String> bindAddresses = new ArrayList<>();    // -b entries, host[:port]
    public String listenPort;                             // -l; null = protocol default
    public boolean noLookup;                              // -n
    public boolean noBindBanner;                          // -B
    public int connectionLimit;                           // -L; 0 = unlimited
    public boolean tcpKeepalive;                          // --tcp_keepalive

    // ---- timing (seconds; 0 = none) ----
    public int authenticateTimeout = 1800;                // --authenticate_timeout
    public int timeout = 1800;                            // -t
    public int connectRelog = 300;                        // --connect_relog
    /** Ours: --failure_delay, in milliseconds; perdition waits 3 s before every failure reply. */
    public int failureDelayMillis = 3000;
    /** Ours: --auth_failure_limit, refused passwords per client address before its logins are refused; 0 = off. */
    public int authFailureLimit;
    /** Ours: --auth_failure_window, the seconds that --auth_failure_limit counts over. */
    public int authFailureWindowSeconds = 60;

    // ---- protocol text ----
    public String okLine = "You are so in";               // -O
    public boolean serverRespLine;                        // -o / --server_ok_line
    public String imapCapability = "IMAP4 IMAP4REV1";     // --imap_capability (-I sets all three)
    public String popCapability = "UIDL.USER";            // --pop_capability
    public String managesieveCapability = DEFAULT_MANAGESIEVE_CAPABILITY;
    public boolean loginDisabled;                         // --login_disabled

    // ---- limits before login (ours) ----
    /** Ours: --max_line_length; longest command line accepted before login, CRLF included. */
    public int maxLineLength = 8192;
    /** Ours: --max_literal_size; largest IMAP literal accepted before login. */
    public int maxLiteralSize = 8192;

    // ---- logging (spec §6) ----
    public String logFacility = "mail";                   // -F
    public boolean debug;                                 // -d
    public boolean quiet;                                 // -q
    public boolean connectionLogging;                     // -C
    public LogPasswd logPasswd = LogPasswd.NEVER;         // --log_passwd

    // ---- process (spec §7) ----
    public boolean noDaemon;                              // --no_daemon
    public boolean inetdMode;                             // -i
    public boolean authenticateIn;                        // -a
    public String username = "nobody";                    // -u
    public String group = "nogroup";                      // -g
    public String pidFile;                                // --pid_file; null = default path
    /** Ours: --shutdown_grace; seconds sessions may drain after SIGTERM/SIGINT (spec §7.4). */
    public int shutdownGraceSeconds = 10;
    /** Ours: --pam_service; the PAM service file -a uses (perdition hard-codes "perdition"). */
    public String pamService = "perdition";

    // ---- TLS (spec §1.2, §1.4) ----
    public final EnumSet<SslMode> sslMode = EnumSet.noneOf(SslMode.class);
    public String sslCaChainFile;
    public String sslCaFile;
    public String sslCaPath = "/etc/perdition/perdition.ca/";
    public boolean sslCaAcceptSelfSigned;
    public String sslCertFile = "/etc/perdition/perdition.crt.pem";
    public String sslKeyFile = "/etc/perdition/perdition.key.pem";
    public String sslDhParamsFile;
    public boolean sslCertAcceptExpired;
    public boolean sslCertAcceptNotYetValid;
    public boolean sslCertAcceptSelfSigned;
    public int sslCertVerifyDepth = 9;
    public String sslListenCiphers;
    public String sslOutgoingCiphers;
    public boolean sslNoCertVerify;
    public boolean sslNoClientCertVerify;
    public boolean sslNoCnVerify;
    public int sslPassphraseFd;
    public String sslPassphraseFile;
    public String sslListenMinProtoVersion = "tlsv1";
    public String sslOutgoingMinProtoVersion = "tlsv1";
    public String sslListenMaxProtoVersion;
    public String sslOutgoingMaxProtoVersion;
    public boolean sslListenCompression;
    public boolean sslOutgoingCompression;
    public boolean sslNoCipherServerPreference;

    /** The port used to reach back-ends when neither the map nor -s names one. */
    public String effectiveOutgoingPort() {
        return outgoingPort != null ? outgoingPort : defaultPortText();
    }

    /** The port listened on when a -b entry names none. */
    public String effectiveListenPort() {
        return listenPort != null ? listenPort : defaultPortText();
    }

    /** perdition resolves the service name; with -n it is numeric. Both give the same number here. */
    private String defaultPortText() {
        return Integer.toString(protocol.defaultPort());
    }

    /** True when the client side speaks TLS from the first byte (ssl_listen, or POP3S/IMAP4S by default). */
    public boolean sslListen() {
        return sslMode.contains(SslMode.SSL_LISTEN);
    }
}
