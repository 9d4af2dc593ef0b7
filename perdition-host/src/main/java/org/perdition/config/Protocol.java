package org.perdition.config;

import java.util.Locale;
import java.util.Optional;

/** The protocols perdition proxies, with the defaults of spec §2.1 and §2.2. */
public enum Protocol {
    POP3("pop3", 110, Family.POP3, false),
    POP3S("pop3s", 995, Family.POP3, true),
    IMAP4("imap", 143, Family.IMAP4, false),
    IMAP4S("imaps", 993, Family.IMAP4, true),
    MANAGESIEVE("sieve", 4190, Family.MANAGESIEVE, false);

    /** The wire protocol, independent of implicit TLS. */
    public enum Family { POP3, IMAP4, MANAGESIEVE }

    private final String serviceName;
    private final int defaultPort;
    private final Family family;
    private final boolean implicitTls;

    Protocol(String serviceName, int defaultPort, Family family, boolean implicitTls) {
        this.serviceName = serviceName;
        this.defaultPort = defaultPort;
        this.family = family;
        this.implicitTls = implicitTls;
    }

    /** The /etc/services name perdition resolves for the default listen and outgoing port. */
    public String serviceName() {
        return serviceName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public Family family() {
        return family;
    }

    /** POP3S and IMAP4S default to ssl_all when --ssl_mode is empty (spec §1.4). */
    public boolean implicitTls() {
        return implicitTls;
    }

    /** {@code -P} value, case-insensitive (spec §1.1). */
    public static Optional<Protocol> parse(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Launcher name to protocol: exact basename match, anything else is POP3 (spec §2.1). */
    public static Protocol fromProgramName(String basename) {
        return switch (basename) {
            case "perdition.pop3s" -> POP3S;
            case "perdition.imap4" -> IMAP4;
            case "perdition.imap4s", "perdition.imaps" -> IMAP4S;
            case "perdition.managesieve" -> MANAGESIEVE;
            default -> POP3;
        };
    }
}
