package org.perdition.net.tls;

import io.netty.handler.ssl.CipherSuiteConverter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.perdition.log.Log;

/**
 * Evaluates an OpenSSL cipher string (ciphers(1)) over the TLS 1.2-and-older suites an engine
 * has, in our own code: handing the string to netty-tcnative crashed the JVM, and the JDK engine
 * has no such parser at all.
 *
 * <p>As OpenSSL: elements are separated by ':' (or ',' or ' '); an element is a suite name
 * (OpenSSL "ECDHE-RSA-AES128-GCM-SHA256" or IANA "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") or
 * aliases joined by '+' (all must match); no prefix appends the matching suites not yet in the
 * list, '-' removes them (a later element may add them back), '!' removes them for good, '+'
 * moves those in the list to its end. "@STRENGTH" sorts by key bits (stable); "@SECLEVEL=n" is
 * accepted and ignored (the JDK and BoringSSL have their own floors). An element that matches
 * nothing is ignored, as OpenSSL does. One difference: OpenSSL treats DEFAULT specially only as
 * the first element; here it is a set (ALL less the anonymous suites) wherever it appears.
 */
final class CipherString {

    private final List<SuiteTraits> universe;
    private final List<SuiteTraits> active = new ArrayList<>();
    private final Set<SuiteTraits> killed = new HashSet<>();

    /** universe: the engine's suites, TLS 1.3 ones excluded, in the engine's preference order. */
    CipherString(List<SuiteTraits> universe) {
        // OpenSSL's base order puts forward-secret suites first, then the stronger ciphers.
        List<SuiteTraits> ordered = new ArrayList<>(universe);
        ordered.sort(Comparator.comparing((SuiteTraits s) -> !forwardSecret(s))
                .thenComparing(Comparator.comparingInt(SuiteTraits::bits).reversed()));
        this.universe = ordered;
    }

    /** The suites the string selects, in order (IANA/JSSE names, as the engine spells them). */
    List<String> evaluate(String option, String cipherString) {
        for (String element : cipherString.trim().split("[:, ]+")) {
            if (!element.isEmpty()) {
                apply(option, element);
            }
        }
        List<String> names = new ArrayList<>();
        for (SuiteTraits s : active) {
            names.add(s.name());
        }
        return names;
    }

    private void apply(String option, String element) {
        if (element.equals("@STRENGTH")) {
            active.sort(Comparator.comparingInt(SuiteTraits::bits).reversed());
            return;
        }
        if (element.startsWith("@SECLEVEL=")) {
            Log.info(option + ": " + element + " is ignored: the TLS engine applies its own security level");
            return;
        }
        char op = element.charAt(0);
        String body = "!-+".indexOf(op) >= 0 ? element.substring(1) : element;
        Predicate<SuiteTraits> test = selector(body);
        if (test == null) {
            return; // matches nothing: ignored, as OpenSSL does
        }
        switch (op) {
            case '!' -> {
                active.removeIf(test);
                universe.stream().filter(test).forEach(killed::add);
            }
            case '-' -> active.removeIf(test);
            case '+' -> {
                List<SuiteTraits> moved = active.stream().filter(test).toList();
                active.removeAll(moved);
                active.addAll(moved);
            }
            default -> universe.stream()
                    .filter(s -> test.test(s) && !killed.contains(s) && !active.contains(s))
                    .forEach(active::add);
        }
    }

    /** A suite name or '+'-joined aliases; null when a word is neither. */
    private Predicate<SuiteTraits> selector(String body) {
        if (body.isEmpty()) {
            return null;
        }
        Predicate<SuiteTraits> all = s -> true;
        for (String word : body.split("\\+")) {
            if (word.isEmpty()) {
                continue;
            }
            Predicate<SuiteTraits> alias = CipherAliases.get(word);
            if (alias == null) {
                SuiteTraits suite = byName(word);
                if (suite == null) {
                    return null;
                }
                alias = s -> s.equals(suite);
            }
            all = all.and(alias);
        }
        return all;
    }

    private SuiteTraits byName(String word) {
        String tls = word.startsWith("SSL_") ? "TLS_" + word.substring(4) : word;
        for (SuiteTraits s : universe) {
            String iana = s.name().startsWith("SSL_") ? "TLS_" + s.name().substring(4) : s.name();
            if (iana.equals(tls) || word.equals(CipherSuiteConverter.toOpenSsl(s.name(), false))
                    || word.equals(CipherSuiteConverter.toOpenSsl(s.name(), true))) {
                return s;
            }
        }
        return null;
    }

    private static boolean forwardSecret(SuiteTraits s) {
        return s.kx().equals("kECDHE") || s.kx().equals("kDHE");
    }
}
