package org.perdition.net.tls;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * OpenSSL's cipher-string alias keywords (ciphers(1), OpenSSL 1.1 meanings) as tests on
 * {@link SuiteTraits}. TLS 1.3 suites never get here: the cipher string does not govern them.
 */
final class CipherAliases {

    private static final Map<String, Predicate<SuiteTraits>> ALIASES = new HashMap<>();

    static {
        alias(s -> s.bits() > 0, "ALL"); // ALL excludes eNULL (ciphers(1))
        alias(s -> s.bits() == 0, "COMPLEMENTOFALL", "eNULL", "NULL");
        // DEFAULT in OpenSSL 1.1 is "ALL:!COMPLEMENTOFDEFAULT:!eNULL"; COMPLEMENTOFDEFAULT is
        // approximated as the anonymous suites (its main content).
        alias(s -> s.auth().equals("aNULL"), "COMPLEMENTOFDEFAULT", "aNULL");
        alias(s -> s.bits() > 0 && !s.auth().equals("aNULL"), "DEFAULT");
        for (String strength : new String[] {"HIGH", "MEDIUM", "LOW", "EXPORT"}) {
            alias(s -> s.strength().equals(strength), strength);
        }
        alias(s -> s.strength().equals("EXPORT"), "EXP");
        alias(kx("kRSA"), "kRSA", "RSA");
        alias(kx("kECDHE"), "kEECDH", "kECDHE", "ECDH");
        alias(kx("kECDHE").and(s -> !s.auth().equals("aNULL")), "ECDHE", "EECDH");
        alias(kx("kECDHE").and(auth("aNULL")), "AECDH");
        alias(kx("kDHE"), "kEDH", "kDHE", "DH");
        alias(kx("kDHE").and(s -> !s.auth().equals("aNULL")), "DHE", "EDH");
        alias(kx("kDHE").and(auth("aNULL")), "ADH");
        alias(s -> s.kx().contains("PSK") || s.auth().equals("aPSK"), "PSK");
        alias(kx("kPSK"), "kPSK");
        alias(auth("aRSA"), "aRSA");
        alias(auth("aECDSA"), "aECDSA", "ECDSA");
        alias(auth("aDSS"), "aDSS", "DSS");
        alias(s -> s.cipher().startsWith("AES"), "AES");
        alias(s -> s.cipher().startsWith("AES") && s.bits() == 128, "AES128");
        alias(s -> s.cipher().startsWith("AES") && s.bits() == 256, "AES256");
        alias(s -> s.cipher().startsWith("AESGCM"), "AESGCM");
        alias(s -> s.cipher().startsWith("AESCCM"), "AESCCM");
        alias(s -> s.cipher().equals("CHACHA20"), "CHACHA20");
        alias(s -> s.cipher().startsWith("CAMELLIA"), "CAMELLIA");
        alias(s -> s.cipher().startsWith("CAMELLIA") && s.bits() == 128, "CAMELLIA128");
        alias(s -> s.cipher().startsWith("CAMELLIA") && s.bits() == 256, "CAMELLIA256");
        alias(s -> s.cipher().startsWith("ARIA"), "ARIA");
        alias(s -> s.cipher().equals("3DES"), "3DES");
        alias(s -> s.cipher().equals("DES"), "DES");
        alias(s -> s.cipher().equals("RC4"), "RC4");
        alias(s -> s.cipher().equals("SEED"), "SEED");
        alias(s -> s.cipher().equals("IDEA"), "IDEA");
        alias(mac("SHA1"), "SHA1", "SHA");
        alias(mac("SHA256"), "SHA256");
        alias(mac("SHA384"), "SHA384");
        alias(mac("MD5"), "MD5");
        alias(s -> s.minVersion().equals("TLSv1.2"), "TLSv1.2");
        alias(s -> s.minVersion().equals("SSLv3"), "TLSv1", "TLSv1.0", "SSLv3");
    }

    private CipherAliases() {
    }

    private static void alias(Predicate<SuiteTraits> test, String... names) {
        for (String name : names) {
            ALIASES.put(name, test);
        }
    }

    private static Predicate<SuiteTraits> kx(String kx) {
        return s -> s.kx().equals(kx);
    }

    private static Predicate<SuiteTraits> auth(String auth) {
        return s -> s.auth().equals(auth);
    }

    private static Predicate<SuiteTraits> mac(String mac) {
        return s -> s.mac().equals(mac);
    }

    /** The alias's test, or null when the word is no alias (it may still be a suite name). */
    static Predicate<SuiteTraits> get(String word) {
        return ALIASES.get(word);
    }
}
