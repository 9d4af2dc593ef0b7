package org.perdition.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.perdition.config.Protocol;

/**
 * Which config file to read when -f is not on the command line (spec §2.3): the first readable
 * one of {@code <dir>/<program>.conf} (not when the program is plain "perdition"),
 * {@code <dir>/perdition.<proto>.conf} and {@code <dir>/perdition.conf}.
 *
 * <p>Unlike perdition (bug B17, "config name chosen before -P") the {@code <proto>} honours a
 * -P given on the command line; without -P it comes from the program name, as in perdition.
 * The directory is {@code /etc/perdition}, or the system property {@code perdition.sysconfdir}.
 */
final class ConfigFileLocator {

    static final String SYSCONFDIR_PROPERTY = "perdition.sysconfdir";
    static final String DEFAULT_SYSCONFDIR = "/etc/perdition";

    private ConfigFileLocator() {
    }

    static Path sysconfdir() {
        return Path.of(System.getProperty(SYSCONFDIR_PROPERTY, DEFAULT_SYSCONFDIR));
    }

    /** The candidates in the order they are tried. */
    static List<Path> candidates(String programName, Protocol protocol) {
        Path dir = sysconfdir();
        List<Path> paths = new ArrayList<>();
        if (!programName.equals("perdition")) {
            paths.add(dir.resolve(programName + ".conf"));
        }
        paths.add(dir.resolve("perdition." + protocol.name().toLowerCase(Locale.ROOT) + ".conf"));
        paths.add(dir.resolve("perdition.conf"));
        return paths;
    }

    /** First candidate that is a readable regular file; unreadable ones are skipped, as in perdition. */
    static Optional<Path> locate(String programName, Protocol protocol) {
        return candidates(programName, protocol).stream()
                .filter(p -> Files.isRegularFile(p) && Files.isReadable(p))
                .findFirst();
    }
}
