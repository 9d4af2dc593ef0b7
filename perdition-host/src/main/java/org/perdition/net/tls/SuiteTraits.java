package org.perdition.net.tls;

import java.util.List;

/**
 * What OpenSSL's cipher-string aliases test about one suite, read off its IANA/JSSE name
 * (TLS_&lt;kx&gt;_&lt;auth&gt;_WITH_&lt;cipher&gt;_&lt;mac&gt;; "SSL_" is the JDK's old prefix for the same
 * suites). TLS 1.3 suites (TLS_AES_128_GCM_SHA256) name neither key exchange nor
 * authentication: {@link #tls13} is set and no alias matches them, as in OpenSSL 1.1+.
 *
 * <p>Field values use OpenSSL's alias spellings (ciphers(1)): kx kRSA/kECDHE/kDHE/kPSK/...,
 * auth aRSA/aECDSA/aDSS/aNULL/aPSK/..., mac SHA1/SHA256/SHA384/MD5/AEAD, minVersion
 * "TLSv1.2" or "SSLv3" (OpenSSL's "TLSv1" and "SSLv3" aliases both mean the latter).
 */
record SuiteTraits(String name, boolean tls13, String kx, String auth, String cipher, int bits, String mac,
        boolean export, String minVersion) {

    /** OpenSSL's strength classes: HIGH, MEDIUM, LOW, EXPORT, or "NULL" for no encryption. */
    String strength() {
        if (bits == 0) {
            return "NULL";
        }
        if (export || bits <= 40) {
            return "EXPORT";
        }
        if (bits < 112) {
            return "LOW";
        }
        // OpenSSL 1.1.0 moved 3DES to MEDIUM, with RC4, SEED and IDEA
        return List.of("3DES", "RC4", "SEED", "IDEA").contains(cipher) ? "MEDIUM" : "HIGH";
    }

    /** Parses a suite name; null for names that are not suites (the SCSV signalling values). */
    static SuiteTraits parse(String name) {
        String n = name.startsWith("SSL_") ? "TLS_" + name.substring(4) : name;
        if (!n.startsWith("TLS_") || n.endsWith("_SCSV")) {
            return null;
        }
        int with = n.indexOf("_WITH_");
        String rest = with < 0 ? n.substring(4) : n.substring(with + 6);
        Cipher c = cipher(rest);
        if (with < 0) {
            return new SuiteTraits(name, true, "", "", c.name, c.bits, c.mac, false, "TLSv1.3");
        }
        String kxAuth = n.substring(4, with);
        boolean export = kxAuth.contains("_EXPORT");
        String[] parts = kxAuth.replace("_EXPORT", "").split("_");
        String kx = parts[0];
        String auth = parts.length > 1 ? parts[1] : kx;
        boolean anon = auth.equals("anon");
        String kxAlias = switch (kx) {
            case "RSA" -> "kRSA";
            case "ECDHE" -> "kECDHE";
            case "DHE" -> "kDHE";
            case "DH" -> anon ? "kDHE" : "kDH"; // OpenSSL files ADH under kDHE
            case "ECDH" -> anon ? "kECDHE" : "kECDH";
            case "PSK" -> "kPSK";
            default -> "k" + kx;
        };
        String authAlias = switch (auth) {
            case "RSA" -> "aRSA";
            case "ECDSA" -> "aECDSA";
            case "DSS" -> "aDSS";
            case "anon" -> "aNULL";
            case "PSK" -> "aPSK";
            default -> "a" + auth;
        };
        if (auth.equals("PSK") && !kx.equals("PSK")) { // OpenSSL's kRSAPSK, kECDHEPSK, kDHEPSK
            authAlias = kx.equals("RSA") ? "aRSA" : "aPSK";
            kxAlias = kxAlias + "PSK";
        }
        String min = c.mac.equals("AEAD") || c.mac.equals("SHA256") || c.mac.equals("SHA384") ? "TLSv1.2" : "SSLv3";
        return new SuiteTraits(name, false, kxAlias, authAlias, c.name, c.bits, c.mac, export, min);
    }

    private record Cipher(String name, int bits, String mac) {
    }

    /** "AES_128_GCM_SHA256", "3DES_EDE_CBC_SHA", "RC4_40_MD5", "AES_128_CCM_8", "NULL_SHA", ... */
    private static Cipher cipher(String rest) {
        String[] t = rest.split("_");
        String last = t[t.length - 1];
        boolean aead = rest.contains("_GCM") || rest.contains("_CCM") || rest.contains("POLY1305");
        String mac = aead ? "AEAD" : switch (last) {
            case "SHA" -> "SHA1";
            default -> last;
        };
        String first = t[0];
        int size = t.length > 1 && t[1].matches("\\d+") ? Integer.parseInt(t[1]) : 0;
        return switch (first) {
            case "AES" -> new Cipher(rest.contains("_GCM") ? "AESGCM" + size
                    : rest.contains("_CCM") ? "AESCCM" + size : "AES" + size, size, mac);
            case "CHACHA20" -> new Cipher("CHACHA20", 256, mac);
            case "3DES" -> new Cipher("3DES", 112, mac);
            case "DES40" -> new Cipher("DES", 40, mac);
            case "DES" -> new Cipher("DES", rest.startsWith("DES_40") ? 40 : 56, mac);
            case "RC4" -> new Cipher("RC4", size == 0 ? 128 : size, mac);
            case "RC2" -> new Cipher("RC2", size == 0 ? 128 : size, mac);
            case "CAMELLIA", "ARIA" -> new Cipher(first + size, size, mac);
            case "SEED", "IDEA" -> new Cipher(first, 128, mac);
            case "NULL" -> new Cipher("NULL", 0, mac);
            default -> new Cipher(first, size, mac);
        };
    }
}
