package org.perdition.plugin.ldap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CA certificates for {@code ldaps://} and StartTLS come from when the URL has no
 * {@code x-tls-cacert}: the places perdition's libldap looked (ldap.conf(5)), so that a site's
 * existing configuration keeps working.
 *
 * <ol>
 *   <li>the {@code LDAPTLS_CACERT} environment variable;</li>
 *   <li>{@code TLS_CACERT} in the file named by {@code LDAPCONF}, else {@code /etc/ldap/ldap.conf};</li>
 *   <li>none of these: the JVM's trust store ({@code javax.net.ssl.trustStore} or the JDK's cacerts).</li>
 * </ol>
 * Only the CA file is taken over. {@code TLS_REQCERT} is deliberately not read from ldap.conf or the
 * environment: turning certificate checks off must be visible in perdition's own option string
 * ({@code x-tls-reqcert=never}). {@code TLS_CACERTDIR} (hashed directories) is not supported.
 */
final class LdapConfTrust {

    static final Path DEFAULT_LDAP_CONF = Path.of("/etc/ldap/ldap.conf");

    private final Map<String, String> environment;
    private final Path defaultConf;

    LdapConfTrust(Map<String, String> environment, Path defaultConf) {
        this.environment = environment;
        this.defaultConf = defaultConf;
    }

    /** The process's environment and the system's ldap.conf. */
    static LdapConfTrust system() {
        return new LdapConfTrust(System.getenv(), DEFAULT_LDAP_CONF);
    }

    /** The CA file to trust, or empty for the JVM's trust store. */
    Optional<Path> caFile() {
        String fromEnvironment = environment.get("LDAPTLS_CACERT");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(Path.of(fromEnvironment.strip()));
        }
        String conf = environment.get("LDAPCONF");
        return tlsCaCert(conf != null && !conf.isBlank() ? Path.of(conf.strip()) : defaultConf);
    }

    /** ldap.conf(5): one option per line, keyword case-insensitive, '#' starts a comment line. */
    private static Optional<Path> tlsCaCert(Path conf) {
        try {
            for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] words = trimmed.split("\\s+", 2);
                if (words.length == 2 && words[0].toUpperCase(Locale.ROOT).equals("TLS_CACERT")) {
                    return Optional.of(Path.of(words[1].strip()));
                }
            }
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException unreadable) {
            // libldap ignores an unreadable ldap.conf too; the JVM's trust store applies
            return Optional.empty();
        }
        return Optional.empty();
    }
}
