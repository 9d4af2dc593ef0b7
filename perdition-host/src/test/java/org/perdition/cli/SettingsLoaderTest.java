package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.perdition.config.LogPasswd;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.UserState;

/** Option forms, defaults, protocol choice and discovery (spec §1, §2.1, §2.3). */
class SettingsLoaderTest extends LoaderFixture {

    @Test
    void noOptionsAndNoFileGiveTheDefaults() throws Exception {
        Settings s = load();
        Settings defaults = new Settings();
        assertThat(s.timeout).isEqualTo(defaults.timeout).isEqualTo(1800);
        assertThat(s.mapLibrary).isEqualTo(Settings.DEFAULT_MAP_LIBRARY);
        assertThat(s.configFile).isNull();
        assertThat(s.explicitOptions).isEmpty();
        assertThat(s.protocol).isEqualTo(Protocol.POP3);
        assertThat(s.failureDelayMillis).isEqualTo(3000);
        assertThat(s.pluginDirectory).isEqualTo(Path.of(SettingsLoader.DEFAULT_PLUGIN_DIR));
    }

    @Test
    void allFourArgumentFormsWork() throws Exception {
        assertThat(load("--timeout", "11").timeout).isEqualTo(11);
        assertThat(load("--timeout=12").timeout).isEqualTo(12);
        assertThat(load("-t", "13").timeout).isEqualTo(13);
        assertThat(load("-t14").timeout).isEqualTo(14);
    }

    @Test
    void flagsAndBundledShortFlags() throws Exception {
        Settings s = load("-dC", "--tcp_keepalive", "-q");
        assertThat(s.debug).isTrue();
        assertThat(s.connectionLogging).isTrue();
        assertThat(s.tcpKeepalive).isTrue();
        assertThat(s.quiet).isTrue();
        assertThat(s.explicitOptions).containsExactly("debug", "connection_logging", "tcp_keepalive", "quiet");
    }

    @Test
    void quotesInValuesAreKeptAsTyped() throws Exception {
        String caps = "\"IMPLEMENTATION\" \"x\"  \"VERSION\" \"1.0\"";
        Settings s = load("-I", caps);
        assertThat(s.imapCapability).isEqualTo(caps);
        assertThat(s.popCapability).isEqualTo(caps);
        assertThat(s.managesieveCapability).isEqualTo(caps);
        assertThat(s.explicitOptions).contains("capability", "imap_capability", "pop_capability",
                "managesieve_capability");
    }

    @Test
    void deprecatedServerOkLineIsServerRespLine() throws Exception {
        Settings s = load("--server_ok_line");
        assertThat(s.serverRespLine).isTrue();
        assertThat(s.explicitOptions).containsExactly("server_resp_line");
    }

    @Test
    void emptyStringMeansNotSet() throws Exception {
        Settings s = load("-M", "", "-m", "", "-l", "", "-p", "");
        assertThat(s.mapLibrary).isNull();
        assertThat(s.mapLibraryOptions).isNull();
        assertThat(s.listenPort).isNull();
        assertThat(s.outgoingPort).isNull();
    }

    @Test
    void listsAccumulateWithinTheCommandLine() throws Exception {
        Settings s = load("-s", "a:110,b", "--outgoing_server=[::1]:995", "-b", "127.0.0.1:1110", "-b", "[::1]");
        assertThat(s.outgoingServers).containsExactly("a:110", "b", "[::1]:995");
        assertThat(s.bindAddresses).containsExactly("127.0.0.1:1110", "[::1]");
    }

    @Test
    void valuesAreParsed() throws Exception {
        Settings s = load("--log_passwd", "FaIl", "--failure_delay", "0.5", "--max_line_length", "512",
                "--max_literal_size", "0", "-D", "::", "-O", "hi there", "-F", "+", "-L", "7",
                "--connect_relog", "0", "--authenticate_timeout", "9", "-l", "pop3", "-p", "1110",
                "--plugin_dir", "/tmp/p", "-P", "imap4", "-n", "-B", "-U", "-o", "--no_daemon");
        assertThat(s.logPasswd).isEqualTo(LogPasswd.FAIL);
        assertThat(s.failureDelayMillis).isEqualTo(500);
        assertThat(s.maxLineLength).isEqualTo(512);
        assertThat(s.maxLiteralSize).isZero();
        assertThat(s.domainDelimiter).isEqualTo("::");
        assertThat(s.okLine).isEqualTo("hi there");
        assertThat(s.logFacility).isEqualTo("+");
        assertThat(s.connectionLimit).isEqualTo(7);
        assertThat(s.connectRelog).isZero();
        assertThat(s.authenticateTimeout).isEqualTo(9);
        assertThat(s.listenPort).isEqualTo("pop3");
        assertThat(s.outgoingPort).isEqualTo("1110");
        assertThat(s.pluginDirectory).isEqualTo(Path.of("/tmp/p"));
        assertThat(s.protocol).isEqualTo(Protocol.IMAP4);
        assertThat(s.noLookup && s.noBindBanner && s.usernameFromDatabase && s.serverRespLine && s.noDaemon)
                .isTrue();
    }

    @Test
    void stateListsParseWithAliasesButAreNotSupportedYet() throws Exception {
        Settings s = new Settings();
        StateLists.states("server_lookup,LOCAL_AUTH,3", s.addDomain, d -> s.addDomainStripDepth = d);
        assertThat(s.addDomain).containsExactly(UserState.SERVERNAME_LOOKUP, UserState.LOCAL_AUTHENTICATION);
        assertThat(s.addDomainStripDepth).isEqualTo(3);
        StateLists.states("all", s.lowerCase, null);
        assertThat(s.lowerCase).containsExactlyInAnyOrder(UserState.values());
    }

    @Test
    void protocolComesFromTheProgramNameAndPOverridesIt() throws Exception {
        assertThat(SettingsLoader.load("perdition.imap4", new String[0]).protocol).isEqualTo(Protocol.IMAP4);
        assertThat(SettingsLoader.load("perdition.imap4", new String[] {"-P", "pop3"}).protocol)
                .isEqualTo(Protocol.POP3);
        assertThat(SettingsLoader.load("perdition.imap4", new String[0]).programName).isEqualTo("perdition.imap4");
    }

    @Test
    void pluginDirDefaultsToTheSystemProperty() throws Exception {
        System.setProperty(SettingsLoader.PLUGIN_DIR_PROPERTY, "/opt/plugins");
        try {
            assertThat(load().pluginDirectory).isEqualTo(Path.of("/opt/plugins"));
        } finally {
            System.clearProperty(SettingsLoader.PLUGIN_DIR_PROPERTY);
        }
    }

    @Test
    void discoveryPrefersProgramThenProtocolThenGenericFile() throws Exception {
        writeConfig("perdition.conf", "timeout 1\n");
        assertThat(SettingsLoader.load("perdition.imap4", new String[0]).timeout).isEqualTo(1);
        writeConfig("perdition.imap4.conf", "timeout 2\n");
        assertThat(SettingsLoader.load("perdition.imap4", new String[0]).timeout).isEqualTo(2);
        writeConfig("perdition.imaps.conf", "timeout 3\n");
        Settings s = SettingsLoader.load("perdition.imaps", new String[] {"-P", "imap4"});
        assertThat(s.timeout).isEqualTo(3);
        assertThat(s.configFile).isEqualTo(sysconf.resolve("perdition.imaps.conf"));
    }

    @Test
    void discoveryHonoursCommandLineProtocol() throws Exception {
        writeConfig("perdition.conf", "timeout 1\n");
        writeConfig("perdition.imap4.conf", "timeout 2\n");
        assertThat(load("-P", "IMAP4").timeout).isEqualTo(2);
        assertThat(load().timeout).isEqualTo(1);
    }

    @Test
    void explicitFileAndEmptyFileName() throws Exception {
        writeConfig("perdition.conf", "timeout 1\n");
        Path other = writeConfig("other", "timeout 5\n");
        assertThat(load("-f", other.toString()).timeout).isEqualTo(5);
        assertThat(load("-f", other.toString()).configFile).isEqualTo(other);
        Settings none = load("-f", "");
        assertThat(none.timeout).isEqualTo(1800);
        assertThat(none.configFile).isNull();
    }

    @Test
    void fAndHInsideTheFileAreIgnored() throws Exception {
        writeConfig("perdition.conf", "f /nonexistent\nh\nhelp\nconfig_file /x\ntimeout 4\n");
        assertThat(load().timeout).isEqualTo(4);
    }
}
