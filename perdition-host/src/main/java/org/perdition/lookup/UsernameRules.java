package org.perdition.lookup;

import java.util.function.Supplier;
import org.perdition.config.Settings;
import org.perdition.config.UserState;

/**
 * perdition's {@code username_mangle} (spec §4.4): for one state (servername_lookup,
 * local_authentication, remote_login) strip the domain ({@code -S}), add a domain ({@code -A}),
 * lower-case ({@code --lower_case}), in that order. Every state starts again from the name it is
 * given (the unmangled authorisation id, or the {@code -U} name): results are not cumulative.
 *
 * <p>So {@code -S servername_lookup -A servername_lookup,0} replaces the domain:
 * {@code bob@foo} becomes {@code bob@localhost} (observed).
 */
public final class UsernameRules {

    private final Settings settings;

    public UsernameRules(Settings settings) {
        this.settings = settings;
    }

    /** True when some state adds a domain from reverse DNS: a blocking lookup per login. */
    public boolean needsReverseDns() {
        return !settings.addDomain.isEmpty() && settings.explicitDomain == null;
    }

    /**
     * @param name   the name to start from
     * @param domain the {@code -A} domain (null = none); asked only when a domain is to be added
     */
    public String apply(UserState state, String name, Supplier<String> domain) {
        String delimiter = settings.domainDelimiter;
        String result = name;
        // spec §4.4 step 1: with -c the servername_lookup name keeps its "@host" for §4.1 step 2.
        boolean strip = settings.stripDomain.contains(state)
                && !(state == UserState.SERVERNAME_LOOKUP && settings.clientServerSpecification);
        if (strip) {
            int last = result.lastIndexOf(delimiter);
            if (last >= 0) {
                result = result.substring(0, last);
            }
        }
        // Step 2: only names without the delimiter anywhere get a domain.
        if (settings.addDomain.contains(state) && !result.contains(delimiter)) {
            String added = domain.get();
            if (added != null && !added.isEmpty()) {
                result = result + delimiter + added;
            }
        }
        if (settings.lowerCase.contains(state)) {
            result = lowerCaseAscii(result);
        }
        return result;
    }

    /** C-locale tolower: A to Z only; other bytes (ISO-8859-1 letters included) stay as they are. */
    static String lowerCaseAscii(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }
}
