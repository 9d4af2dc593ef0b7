package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The man pages of man/ (shipped in the tarball and the Debian package): each one renders
 * without a single groff warning, and perditiondb.5 has a section for every map plugin we build.
 */
class ManPagesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path MAN = ROOT.resolve("man");
    private static final Pattern PLUGIN_ID = Pattern.compile("<plugin\\.id>([^<]+)</plugin\\.id>");

    @ParameterizedTest
    @ValueSource(strings = {"perdition.8", "perditiondb.5", "makegdbm.1", "makebdb.1"})
    void rendersWithoutWarnings(String page) throws Exception {
        Path file = MAN.resolve(page);
        assertThat(file).isRegularFile();
        List<String> command = renderer(file);
        assumeThat(command).as("neither man nor groff is installed").isNotNull();
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MANWIDTH", "80");
        Process process = builder.start();
        String warnings = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(warnings).as(String.join(" ", command)).isEmpty();
        assertThat(process.exitValue()).isZero();
    }

    /** man-db's check (what Debian's lintian runs), else groff's, else null. */
    private static List<String> renderer(Path file) {
        if (onPath("man")) {
            return List.of("man", "--warnings", "-l", "-E", "UTF-8", file.toString());
        }
        if (onPath("groff")) {
            return List.of("groff", "-ww", "-man", "-z", file.toString());
        }
        return null;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void perditiondbHasASectionForEveryPlugin() throws Exception {
        Set<String> ids = pluginIds();
        assertThat(ids).as("plugin ids from plugin-*/pom.xml and plugins/*.jar")
                .contains("gdbm", "bdb", "posix_regex", "ldap", "mysql", "postgresql", "nis");
        List<String> headings = new ArrayList<>();
        for (String line : Files.readAllLines(MAN.resolve("perditiondb.5"), StandardCharsets.UTF_8)) {
            if (line.startsWith(".SS ")) {
                headings.add(line.substring(4).replace("\"", ""));
            }
        }
        for (String id : ids) {
            assertThat(headings).as("a .SS heading naming plugin " + id)
                    .anyMatch(h -> Pattern.compile("(^|\\W)" + Pattern.quote(id) + "(\\W|$)").matcher(h).find());
        }
    }

    @Test
    void pagesPointAtEachOther() throws Exception {
        for (String page : List.of("perdition.8", "makegdbm.1", "makebdb.1")) {
            assertThat(Files.readString(MAN.resolve(page), StandardCharsets.UTF_8)).as(page)
                    .contains(".BR perditiondb (5)");
        }
        assertThat(Files.readString(MAN.resolve("perditiondb.5"), StandardCharsets.UTF_8))
                .contains(".BR makegdbm (1)").contains(".BR makebdb (1)").contains(".BR perdition (8)");
    }

    /** Every plugin the build makes (plugin-* modules) and every plugin jar in the checkout's plugins/. */
    static Set<String> pluginIds() throws IOException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path pom : modules.map(m -> m.resolve("pom.xml"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("plugin-"))
                    .filter(Files::isRegularFile).toList()) {
                Matcher m = PLUGIN_ID.matcher(Files.readString(pom, StandardCharsets.UTF_8));
                if (m.find()) {
                    ids.add(m.group(1).trim());
                }
            }
        }
        Path plugins = ROOT.resolve("plugins");
        if (Files.isDirectory(plugins)) {
            try (Stream<Path> jars = Files.list(plugins)) {
                jars.map(j -> j.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                        .forEach(n -> ids.add(n.substring(0, n.length() - ".jar".length())));
            }
        }
        return ids;
    }
}
