package org.perdition.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A config file's entries as options (spec §2.4): a one-character key is the short option, a
 * longer one the long option. -f and -h inside a file are ignored (spec §1.5).
 *
 * <p>Fix of bug B18: perdition silently dropped every line after an unknown key; here an unknown
 * key, a flag with a value and a value option without one are start-up errors naming FILE:LINE.
 */
final class ConfigFileOptions {

    private ConfigFileOptions() {
    }

    static List<OptionValue> read(Path file) throws UsageException {
        String text;
        try {
            // ISO-8859-1 keeps every byte as one char, like the byte strings used on the wire.
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UsageException("perdition: " + file + ": cannot read config file: " + e.getMessage());
        }
        List<ConfigFileReader.Entry> entries;
        try {
            entries = ConfigFileReader.parse(text);
        } catch (ConfigFileReader.SyntaxException e) {
            throw new UsageException("perdition: " + file + ":" + e.line() + ": " + e.getMessage());
        }
        List<OptionValue> values = new ArrayList<>();
        for (ConfigFileReader.Entry entry : entries) {
            toOption(file, entry).ifPresent(values::add);
        }
        return values;
    }

    private static Optional<OptionValue> toOption(Path file, ConfigFileReader.Entry entry) throws UsageException {
        String origin = file + ":" + entry.line();
        String key = entry.key();
        Optional<OptionSpec> found = key.length() == 1 ? OptionTable.byShortName(key) : OptionTable.byLongName(key);
        OptionSpec spec = found.orElseThrow(() -> new UsageException("perdition: " + origin + ": unknown key '"
                + OptionApplier.printable(key) + "'"));
        if (spec.longName().equals("config_file") || spec.longName().equals("help")) {
            return Optional.empty();
        }
        if (!spec.takesValue() && entry.value() != null) {
            throw new UsageException("perdition: " + origin + ": --" + spec.longName()
                    + ": takes no value (got '" + OptionApplier.printable(entry.value()) + "')");
        }
        if (spec.takesValue() && entry.value() == null) {
            throw new UsageException("perdition: " + origin + ": --" + spec.longName() + ": missing value");
        }
        return Optional.of(new OptionValue(spec, entry.value(), origin));
    }
}
