package org.perdition.cli;

/**
 * The --help text: every option with short and long name, argument, default and meaning,
 * grouped. perdition's own help crashed part way (bug B19) and showed the IMAP default for
 * --pop_capability; this one is generated from {@link OptionTable}.
 */
public final class HelpText {

    private HelpText() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("Usage: perdition[.pop3|.pop3s|.imap4|.imap4s|.imaps|.managesieve] [OPTION]...\n");
        out.append("A POP3 and IMAP4 login proxy. Options may also be set in the config file\n");
        out.append("(see perdition(8)); the command line wins.\n");
        for (OptionGroup group : OptionGroup.values()) {
            out.append('\n').append(group.title).append(":\n");
            for (OptionSpec spec : OptionTable.ALL) {
                if (spec.group() == group) {
                    appendOption(out, spec);
                }
            }
        }
        return out.toString();
    }

    private static void appendOption(StringBuilder out, OptionSpec spec) {
        out.append("  ").append(spec.displayNames());
        if (spec.takesValue()) {
            out.append(' ').append(spec.argName());
        }
        out.append("\n      ").append(spec.description());
        if (spec.defaultText() != null) {
            out.append("\n      Default: ").append(spec.defaultText());
        }
        out.append('\n');
    }
}
