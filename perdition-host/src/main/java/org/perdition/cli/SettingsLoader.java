package org.perdition.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/**
 * argv + config file + defaults into {@link Settings} (spec §1, §2). Start-up order as in
 * perdition: command line, then the config file it names or that is discovered, then the
 * checks that span several options.
 */
public final class SettingsLoader {

    static final String PLUGIN_DIR_PROPERTY = "perdition.plugin.dir";
    static final String DEFAULT_PLUGIN_DIR = "/usr/lib/perdition/plugins";

    private SettingsLoader() {
    }

    /** programName = basename of the launcher (perdition.imap4 ...). Returns filled Settings or throws. */
    public static Settings load(String programName, String[] args) throws UsageException {
        List<OptionValue> commandLine = ArgvParser.parse(args);
        Settings settings = new Settings();
        settings.programName = programName;
        settings.protocol = Protocol.fromProgramName(programName);
        settings.pluginDirectory = Path.of(System.getProperty(PLUGIN_DIR_PROPERTY, DEFAULT_PLUGIN_DIR));
        settings.configFile = configFile(programName, commandLine);
        List<OptionValue> fromFile = settings.configFile == null
                ? List.of() : ConfigFileOptions.read(settings.configFile);
        OptionApplier.apply(settings, fromFile, commandLine);
        if (settings.sslMode.isEmpty() && settings.protocol.implicitTls()
                && !settings.explicitOptions.contains("ssl_mode")) {
            // POP3S/IMAP4S default to ssl_all; an explicit "--ssl_mode none" stays empty (spec §1.4).
            settings.sslMode.add(SslMode.SSL_LISTEN);
            settings.sslMode.add(SslMode.SSL_OUTGOING);
        }
        if (settings.inetdMode && settings.logFacility.equals("-")) {
            // perdition would write its log into the client's connection (spec §7.6: fd 1 is the client)
            throw new UsageException(programName + ": --inetd_mode: --log_facility - would log to standard output,"
                    + " which is the client connection; use + or a file");
        }
        return settings;
    }

    /** -f on the command line (last one wins; "" = none), else discovery (spec §2.3). */
    private static Path configFile(String programName, List<OptionValue> commandLine) throws UsageException {
        String explicit = lastValue(commandLine, "config_file");
        if (explicit != null) {
            if (explicit.isEmpty()) {
                return null;
            }
            Path file = Path.of(explicit);
            // perdition ignores a file it cannot open; a file named on purpose should exist.
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new UsageException("perdition: --config_file: cannot read '" + explicit + "'");
            }
            return file;
        }
        String protocolName = lastValue(commandLine, "protocol");
        Protocol protocol = protocolName == null ? Protocol.fromProgramName(programName)
                : Protocol.parse(protocolName).orElse(Protocol.fromProgramName(programName));
        return ConfigFileLocator.locate(programName, protocol).orElse(null);
    }

    private static String lastValue(List<OptionValue> values, String longName) {
        String last = null;
        for (OptionValue v : values) {
            if (v.spec().longName().equals(longName)) {
                last = v.value();
            }
        }
        return last;
    }
}
