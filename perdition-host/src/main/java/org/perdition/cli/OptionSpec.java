package org.perdition.cli;

import java.util.List;
import org.perdition.config.Settings;

/**
 * One option: its names, its argument, its help line and how its value lands in {@link Settings}.
 *
 * @param shortName   one-letter name or null (long only)
 * @param longName    name without the leading "--"
 * @param argName     argument placeholder for help, or null for an on/off flag
 * @param defaultText default shown in the help, or null
 * @param accumulates true for list options: repeated uses add up within one source, and the
 *                    command line replaces (not merges with) the config file's entries
 * @param sets        long names recorded in {@link Settings#explicitOptions} when the option is used
 *                    (an alias records the option it stands for)
 */
record OptionSpec(String shortName, String longName, String argName, OptionGroup group,
                  String defaultText, String description, boolean accumulates, List<String> sets,
                  Handler handler) {

    /** Stores a (validated) value; flags get null. */
    @FunctionalInterface
    interface Handler {
        void apply(Settings settings, String value) throws InvalidValueException;
    }

    boolean takesValue() {
        return argName != null;
    }

    OptionSpec accumulating() {
        return new OptionSpec(shortName, longName, argName, group, defaultText, description, true, sets, handler);
    }

    OptionSpec recording(String... names) {
        return new OptionSpec(shortName, longName, argName, group, defaultText, description, accumulates,
                List.of(names), handler);
    }

    /** "-t, --timeout" or "--tcp_keepalive". */
    String displayNames() {
        return shortName == null ? "--" + longName : "-" + shortName + ", --" + longName;
    }
}
