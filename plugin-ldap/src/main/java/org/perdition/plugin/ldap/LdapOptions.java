package org.perdition.plugin.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -m} string of the LDAP map: {@code [V:]ldap_url} or just {@code V} (spec §5.8).
 *
 * <p>V is the protocol version, 2 (perdition's default, libldap's) or 3. The UnboundID SDK speaks
 * LDAPv3 only, so both are accepted and v3 is spoken; every slapd and AD accept v3 binds.
 *
 * <p>URL extensions (RFC 4516 §2, {@code !} marks one critical; values are URL-decoded):
 * <ul>
 *   <li>{@code bindname=DN}, {@code x-bindpw=PW}: simple bind (perdition's); else anonymous.</li>
 *   <li>{@code x-starttls}: StartTLS (RFC 4513 §3) on {@code ldap://} connections before binding
 *       (our addition; libldap's {@code -ZZ} has no URL form). Critical by nature: no fallback to
 *       plain text.</li>
 *   <li>{@code x-tls-cacert=FILE}: trust the PEM certificates in FILE; without it,
 *       {@code LDAPTLS_CACERT} or ldap.conf's {@code TLS_CACERT} as libldap, else the JVM's trust
 *       store ({@link LdapConfTrust}); {@code x-tls-reqcert=never}: trust any certificate (as
 *       {@code LDAPTLS_REQCERT=never}).
 *       The server's name is checked against its certificate unless reqcert is never.</li>
 *   <li>{@code x-timeout=SECONDS}: connect and response timeout, default 10 (perdition's network
 *       timeout).</li>
 * </ul>
 * Any other extension marked critical is a start-up error (perdition failed each lookup instead).
 */
record LdapOptions(int version, LdapUrl url, String bindDn, String bindPassword, boolean startTls,
                   Path caCertificates, boolean trustAll, int timeoutMillis) {

    static final String DEFAULT_URL =
            "ldap://localhost/ou=mailbox,dc=nodomain?username,mailhost,port?one?(uid=%s)";
    static final int DEFAULT_VERSION = 2;
    static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private static final Pattern VERSION_PREFIX = Pattern.compile("(\\d)(?::(.*))?", Pattern.DOTALL);

    static LdapOptions parse(String option) {
        int version = DEFAULT_VERSION;
        String url = option == null || option.isEmpty() ? DEFAULT_URL : option;
        Matcher m = VERSION_PREFIX.matcher(url);
        if (m.matches()) {
            version = m.group(1).charAt(0) - '0';
            url = m.group(2) == null || m.group(2).isEmpty() ? DEFAULT_URL : m.group(2);
        }
        if (version < 2 || version > 3) {
            throw new IllegalArgumentException("LDAP protocol version " + version + " is out of range (2 or 3)");
        }
        LdapUrl parsed = LdapUrl.parse(url);
        checkSyntax(parsed);
        String bindDn = null;
        String bindPassword = null;
        boolean startTls = false;
        Path caCertificates = null;
        boolean trustAll = false;
        int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        for (String extension : parsed.extensions()) {
            boolean critical = extension.startsWith("!");
            String body = critical ? extension.substring(1) : extension;
            int eq = body.indexOf('=');
            String type = (eq < 0 ? body : body.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : LdapUrl.decode(body.substring(eq + 1));
            switch (type) {
                case "bindname" -> bindDn = value;
                case "x-bindpw" -> bindPassword = value;
                case "x-starttls" -> startTls = true;
                case "x-tls-cacert" -> caCertificates = Path.of(required(type, value));
                case "x-tls-reqcert" -> trustAll = "never".equalsIgnoreCase(value) || "allow".equalsIgnoreCase(value);
                case "x-timeout" -> timeoutSeconds = seconds(value);
                default -> {
                    if (critical) {
                        throw new IllegalArgumentException("unsupported critical LDAP URL extension " + type);
                    }
                }
            }
        }
        if (startTls && parsed.secure()) {
            throw new IllegalArgumentException("x-starttls needs an ldap:// URL, not ldaps://");
        }
        if (bindPassword != null && bindDn == null) {
            throw new IllegalArgumentException("LDAP URL has x-bindpw but no bindname");
        }
        return new LdapOptions(version, parsed, bindDn, bindPassword, startTls, caCertificates, trustAll,
                timeoutSeconds * 1000);
    }

    /** A filter or base that cannot be valid for any key is a start-up error, not a failure per lookup. */
    private static void checkSyntax(LdapUrl url) {
        String filter = url.filter().render("key", Filter::encodeValue);
        try {
            Filter.create(filter);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("bad filter in LDAP URL: " + filter + " (" + e.getExceptionMessage() + ")");
        }
        String base = url.base().render("key", Rfc4514::escapeValue);
        if (!DN.isValidDN(base)) {
            throw new IllegalArgumentException("bad base DN in LDAP URL: " + base);
        }
    }

    private static String required(String type, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("LDAP URL extension " + type + " needs a value");
        }
        return value;
    }

    private static int seconds(String value) {
        try {
            int seconds = Integer.parseInt(required("x-timeout", value));
            if (seconds < 1) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("x-timeout must be a positive number of seconds: " + value);
        }
    }

    /** These options with {@code caFile} trusted, when the URL names no CA file of its own. */
    LdapOptions withDefaultCaFile(java.util.Optional<Path> caFile) {
        if (caCertificates != null || caFile.isEmpty()) {
            return this;
        }
        return new LdapOptions(version, url, bindDn, bindPassword, startTls, caFile.get(), trustAll, timeoutMillis);
    }

    boolean usesTls() {
        return url.secure() || startTls;
    }

    /** For logs: never the password. */
    @Override
    public String toString() {
        return "LDAPv" + version + " " + url.hosts() + " base=" + url.base() + " filter=" + url.filter()
                + (bindDn == null ? " anonymous" : " bind=" + bindDn) + (startTls ? " starttls" : "");
    }
}
