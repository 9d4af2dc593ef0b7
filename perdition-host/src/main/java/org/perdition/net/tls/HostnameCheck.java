package org.perdition.net.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Matches the back-end's certificate against the host name perdition connected to (RFC 6125).
 *
 * <p>perdition compares bytes case-sensitively, tries every CN before the DNS SANs and lets
 * "*.rest" match any prefix (bug B20); we do what it meant: case-insensitive, DNS SANs first
 * and the CN only when there is no DNS SAN (RFC 6125 §6.4.4), a wildcard only as the whole
 * left-most label of a name with at least two more labels (§6.4.3), IP literals only against
 * IP SANs (RFC 5280 §4.2.1.6).
 */
public final class HostnameCheck {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HostnameCheck() {
    }

    /** Throws when {@code cert} is not valid for {@code host}. */
    public static void verify(X509Certificate cert, String host) throws CertificateException {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        sans(cert, dns, ips);
        if (!matches(host, dns, ips, commonNames(cert.getSubjectX500Principal()))) {
            throw new CertificateException("certificate name does not match host " + host
                    + " (DNS " + dns + ", IP " + ips + ", subject " + cert.getSubjectX500Principal().getName() + ")");
        }
    }

    /** The rule itself, on already extracted names. */
    public static boolean matches(String host, List<String> dnsSans, List<String> ipSans, List<String> commonNames) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (isIpLiteral(bare)) {
            byte[] wanted = ipBytes(bare);
            for (String ip : ipSans) {
                if (isIpLiteral(ip) && java.util.Arrays.equals(wanted, ipBytes(ip))) {
                    return true;
                }
            }
            return false;
        }
        String name = normalise(bare);
        List<String> candidates = dnsSans.isEmpty() ? commonNames : dnsSans;
        for (String candidate : candidates) {
            if (nameMatches(name, normalise(candidate))) {
                return true;
            }
        }
        return false;
    }

    static boolean nameMatches(String host, String pattern) {
        if (pattern.isEmpty()) {
            return false;
        }
        if (!pattern.startsWith("*.")) {
            return !pattern.contains("*") && host.equals(pattern);
        }
        String suffix = pattern.substring(1); // ".example.org"
        if (suffix.contains("*") || suffix.indexOf('.', 1) < 0) {
            return false; // "*.org" or a second wildcard: never
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equals(suffix);
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    static boolean isIpLiteral(String s) {
        return s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || (s.contains(":") && s.matches("[0-9a-fA-F:.]+"));
    }

    private static byte[] ipBytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            return new byte[0];
        }
    }

    private static void sans(X509Certificate cert, List<String> dns, List<String> ips)
            throws CertificateParsingException {
        Collection<List<?>> all = cert.getSubjectAlternativeNames();
        if (all == null) {
            return;
        }
        for (List<?> san : all) {
            int type = (Integer) san.get(0);
            if (type == SAN_DNS) {
                dns.add((String) san.get(1));
            } else if (type == SAN_IP) {
                ips.add((String) san.get(1));
            }
        }
    }

    static List<String> commonNames(X500Principal subject) {
        List<String> cns = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject.getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cns.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // no usable CN
        }
        return cns;
    }
}
