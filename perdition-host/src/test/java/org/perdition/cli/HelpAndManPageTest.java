package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** --help and man/perdition.8 document the same options, and every option the parser knows. */
class HelpAndManPageTest {

    private static final Pattern LONG_OPTION = Pattern.compile("--([a-z][a-z0-9_]*)");

    static Set<String> longOptions(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = LONG_OPTION.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** roff writes a minus as \- and switches fonts with \fB...\fR. */
    static String manPageText() throws Exception {
        String roff = Files.readString(Path.of("../man/perdition.8"), StandardCharsets.UTF_8);
        return roff.replace("\\-", "-").replaceAll("\\\\f[BIRP]", "").replace("\\&", "");
    }

    @Test
    void helpListsEveryOption() {
        Set<String> table = OptionTable.ALL.stream().map(OptionSpec::longName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(longOptions(HelpText.render())).isEqualTo(table);
    }

    @Test
    void helpShowsShortNamesAndDefaults() {
        String help = HelpText.render();
        assertThat(help).contains("  -t, --timeout SECONDS\n").contains("Default: 1800")
                .contains("  --pop_capability STRING\n      Capabilities announced to POP3 clients")
                .contains("Default: UIDL.USER")
                .contains("  -i, --inetd_mode\n")
                .doesNotContain("not supported yet");
        for (OptionGroup group : OptionGroup.values()) {
            assertThat(help).contains(group.title + ":\n");
        }
    }

    @Test
    void manPageDocumentsTheSameOptionsAsHelp() throws Exception {
        assertThat(longOptions(manPageText())).isEqualTo(longOptions(HelpText.render()));
    }

    @Test
    void manPageMentionsEveryShortName() throws Exception {
        String man = manPageText();
        for (OptionSpec spec : OptionTable.ALL) {
            if (spec.shortName() != null) {
                assertThat(man).as(spec.longName()).contains("-" + spec.shortName() + ", --" + spec.longName());
            }
        }
    }
}
