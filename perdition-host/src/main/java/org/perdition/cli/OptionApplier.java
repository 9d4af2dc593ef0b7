package org.perdition.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.perdition.config.Settings;

/**
 * Puts option values into {@link Settings}: command line > config file > defaults for every
 * option (spec §1.5 states the intent; perdition broke it for -s, -b, --query_key, -C/-d and
 * -A's depth, bug B17).
 *
 * <p>The file is applied first and the command line after it, so a scalar from the command line
 * wins. A list option (-s, -b, --query_key, -A, -S, --lower_case, --ssl_mode) accumulates within
 * one source, but when the command line has it the file's entries are dropped: the command line
 * replaces, it does not merge.
 */
final class OptionApplier {

    private OptionApplier() {
    }

    static void apply(Settings settings, List<OptionValue> fromFile, List<OptionValue> fromCommandLine)
            throws UsageException {
        Set<String> listsOnCommandLine = new HashSet<>();
        for (OptionValue v : fromCommandLine) {
            if (v.spec().accumulates()) {
                listsOnCommandLine.add(v.spec().longName());
            }
        }
        for (OptionValue v : fromFile) {
            settings.explicitOptions.addAll(v.spec().sets());
            if (!listsOnCommandLine.contains(v.spec().longName())) {
                applyOne(settings, v);
            }
        }
        for (OptionValue v : fromCommandLine) {
            settings.explicitOptions.addAll(v.spec().sets());
            applyOne(settings, v);
        }
    }

    private static void applyOne(Settings settings, OptionValue v) throws UsageException {
        try {
            v.spec().handler().apply(settings, v.value());
        } catch (InvalidValueException e) {
            throw new UsageException(v.errorPrefix() + "--" + v.spec().longName() + ": invalid value '"
                    + printable(v.value()) + "' (expected " + e.expected() + ")");
        }
    }

    /** Keeps the one-line message one line whatever the value holds. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c < ' ' || c == 127) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
