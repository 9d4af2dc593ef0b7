package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;

/** Command line > config file > defaults for every option (spec §1.5, fixing bug B17). */
class PrecedenceTest extends LoaderFixture {

    @Test
    void fileBeatsDefaultsAndRecordsExplicitOptions() throws Exception {
        writeConfig("perdition.conf", "timeout 60\nO \"file ok\"\ns a,b\n");
        Settings s = load();
        assertThat(s.timeout).isEqualTo(60);
        assertThat(s.okLine).isEqualTo("file ok");
        assertThat(s.outgoingServers).containsExactly("a", "b");
        assertThat(s.explicitOptions).containsExactly("timeout", "ok_line", "outgoing_server");
    }

    @Test
    void commandLineBeatsFileForScalars() throws Exception {
        writeConfig("perdition.conf", "timeout 60\nok_line file\nlog_passwd always\n");
        Settings s = load("-t", "5", "-O", "cli");
        assertThat(s.timeout).isEqualTo(5);
        assertThat(s.okLine).isEqualTo("cli");
        assertThat(s.logPasswd.name()).isEqualTo("ALWAYS");
    }

    @Test
    void lastScalarWinsWithinTheFile() throws Exception {
        writeConfig("perdition.conf", "timeout 60\ntimeout 70\n");
        assertThat(load().timeout).isEqualTo(70);
    }

    @Test
    void commandLineOutgoingServersReplaceTheFile() throws Exception {
        writeConfig("perdition.conf", "outgoing_server file1\ns file2:110\n");
        assertThat(load().outgoingServers).containsExactly("file1", "file2:110");
        assertThat(load("-s", "cli1", "-s", "cli2").outgoingServers).containsExactly("cli1", "cli2");
    }

    @Test
    void commandLineBindAddressesReplaceTheFileAndMaskNothingElse() throws Exception {
        writeConfig("perdition.conf", "bind_address 10.0.0.1\nconnection_limit 9\n");
        Settings s = load("-b", "127.0.0.1:2110");
        assertThat(s.bindAddresses).containsExactly("127.0.0.1:2110");
        // perdition's CLI -b masked the file's connection_limit (spec §1.5)
        assertThat(s.connectionLimit).isEqualTo(9);
    }

    @Test
    void commandLineQueryKeysReplaceTheFile() throws Exception {
        // in the file a backslash escapes, so the formats are single-quoted (spec §2.4)
        writeConfig("perdition.conf", "query_key '\\u,\\U'\n");
        Settings fileOnly = new Settings();
        OptionApplier.apply(fileOnly, ConfigFileOptions.read(sysconf.resolve("perdition.conf")),
                ArgvParser.parse(new String[0]));
        assertThat(fileOnly.queryKeys).containsExactly("\\u", "\\U");
        Settings both = new Settings();
        OptionApplier.apply(both, ConfigFileOptions.read(sysconf.resolve("perdition.conf")),
                ArgvParser.parse(new String[] {"--query_key", "\\D"}));
        assertThat(both.queryKeys).containsExactly("\\D");
    }

    @Test
    void debugAndConnectionLoggingAreIndependent() throws Exception {
        writeConfig("perdition.conf", "C\n");
        Settings s = load("-d");
        assertThat(s.debug).isTrue();
        assertThat(s.connectionLogging).isTrue();
        writeConfig("perdition.conf", "debug\n");
        Settings t = load("-C");
        assertThat(t.debug).isTrue();
        assertThat(t.connectionLogging).isTrue();
    }

    @Test
    void capabilityAliasAndSpecificOptionFollowPrecedence() throws Exception {
        writeConfig("perdition.conf", "I \"X Y\"\n");
        Settings s = load("--imap_capability", "IMAP4REV1");
        assertThat(s.imapCapability).isEqualTo("IMAP4REV1");
        assertThat(s.popCapability).isEqualTo("X Y");
    }
}
