package org.perdition.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * The command line, in the forms popt accepts (spec §1): {@code --name value}, {@code --name=value},
 * {@code -x value}, {@code -xVALUE}. Returns the options in the order given; values are
 * validated later by {@link OptionApplier}.
 */
final class ArgvParser {

    private static final Options OPTIONS = buildOptions();

    private ArgvParser() {
    }

    static List<OptionValue> parse(String[] args) throws UsageException {
        // popt neither abbreviates long names nor strips quotes from values (a capability
        // string such as "IMPLEMENTATION" "perdition" must stay as typed).
        DefaultParser parser = DefaultParser.builder()
                .setAllowPartialMatching(false)
                .setStripLeadingAndTrailingQuotes(false)
                .get();
        CommandLine cmd;
        try {
            cmd = parser.parse(OPTIONS, args, false);
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("perdition: unknown option " + e.getOption());
        } catch (MissingArgumentException e) {
            throw new UsageException("perdition: --" + e.getOption().getLongOpt() + ": missing argument");
        } catch (ParseException e) {
            throw new UsageException("perdition: " + e.getMessage());
        }
        if (!cmd.getArgList().isEmpty()) {
            throw new UsageException("perdition: unexpected argument '" + cmd.getArgList().get(0)
                    + "' (options only)");
        }
        List<OptionValue> values = new ArrayList<>();
        for (Option option : cmd.getOptions()) {
            OptionSpec spec = OptionTable.byLongName(option.getLongOpt()).orElseThrow();
            if (spec.longName().equals("help")) {
                throw UsageException.help();
            }
            values.add(new OptionValue(spec, spec.takesValue() ? option.getValue() : null, null));
        }
        return values;
    }

    private static Options buildOptions() {
        Options options = new Options();
        for (OptionSpec spec : OptionTable.ALL) {
            Option.Builder builder = Option.builder(spec.shortName()).longOpt(spec.longName());
            if (spec.takesValue()) {
                builder.hasArg().argName(spec.argName());
            }
            options.addOption(builder.get());
        }
        return options;
    }
}
