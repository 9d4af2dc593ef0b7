package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.cli.SettingsLoader;
import org.perdition.config.Settings;

/**
 * The username options with the private Dovecot behind the proxy and Angus Mail in front: the
 * client logs in with a name Dovecot does not know, and reads the mail of the user the rules
 * turn it into.
 */
class UsernameRulesMailTest {

    @RegisterExtension
    static final DovecotBehindProxy fixture = new DovecotBehindProxy();

    @TempDir
    Path dir;

    /** perdition.imap4 or perdition.pop3 with these options ("IMAP"/"POP" stand for Dovecot's ports). */
    private int start(String program, String options, String popmap) throws Exception {
        List<String> args = new ArrayList<>(List.of("-f", "", "-F", "+", "--failure_delay", "0"));
        args.addAll(Arrays.asList(ports(options).split(" ")));
        if (popmap == null) {
            args.addAll(List.of("-M", ""));
        } else {
            Path rules = Files.writeString(dir.resolve("popmap.re"), ports(popmap) + "\n");
            args.addAll(List.of("-M", "posix_regex", "-m", rules.toString(), "--plugin_dir",
                    PerditionProcess.checkoutRoot().resolve("plugins").toString()));
        }
        Settings settings = SettingsLoader.load(program, args.toArray(String[]::new));
        settings.bindAddresses.add("127.0.0.1:0");
        settings.pidFile = "";        // no pid file: tests must not need /var/run
        return fixture.startProxy(settings);
    }

    private static String ports(String text) {
        return text.replace("IMAP", Integer.toString(fixture.dovecot().imapPort()))
                .replace("POP", Integer.toString(fixture.dovecot().pop3Port()));
    }

    @Test
    void stripDomainForRemoteLoginReachesDovecotAsAlice() throws Exception {
        int port = start("perdition.imap4", "-S remote_login -s 127.0.0.1:IMAP", null);
        Map<String, byte[]> proxied = MailClient.imap(port).readInbox("alice@example.org", "alicepw");
        assertThat(proxied).containsOnlyKeys(
                MailClient.imap(fixture.dovecot().imapPort()).readInbox("alice", "alicepw").keySet());
    }

    @Test
    void lowerCaseForRemoteLoginOverPop3() throws Exception {
        int port = start("perdition.pop3", "--lower_case remote_login -s 127.0.0.1:POP", null);
        assertThat(MailClient.pop3(port).inboxSizes("BOB", "bobpw"))
                .containsExactly(MailClient.pop3(fixture.dovecot().pop3Port()).inboxSizes("bob", "bobpw"));
    }

    @Test
    void clientServerSpecificationWithinTheAllowList() throws Exception {
        int port = start("perdition.imap4", "-c --client_server_allow 127.0.0.0/8:*", null);
        Map<String, byte[]> proxied = MailClient.imap(port).readInbox("alice@127.0.0.1:" + fixture.dovecot().imapPort(),
                "alicepw");
        assertThat(proxied).containsOnlyKeys(
                MailClient.imap(fixture.dovecot().imapPort()).readInbox("alice", "alicepw").keySet());
    }

    @Test
    void usernameFromDatabaseLogsInAsTheMapsUser() throws Exception {
        int port = start("perdition.imap4", "-U", "^boss$: bob@127.0.0.1:IMAP");
        assertThat(MailClient.imap(port).inboxSizes("boss", "bobpw"))
                .containsExactly(MailClient.imap(fixture.dovecot().imapPort()).inboxSizes("bob", "bobpw"));
    }

    @Test
    void saslAuthzidIsTheNameTheRulesApplyTo() throws Exception {
        // authzid = authcid: no proxy authorisation, so Dovecot gets an ordinary LOGIN as "alice".
        int port = start("perdition.imap4", "-S remote_login -s 127.0.0.1:IMAP", null);
        String plain = org.perdition.protocol.SaslPlain.encode("alice@example.org", "alice@example.org", "alicepw");
        try (LineClient client = LineClient.connect("127.0.0.1", port)) {
            assertThat(client.readLine()).startsWith("* OK ");
            assertThat(client.send("a AUTHENTICATE PLAIN " + plain)).isEqualTo("a OK You are so in");
            String line = client.send("b SELECT INBOX");
            while (line != null && !line.startsWith("b ")) {
                line = client.readLine();     // untagged FLAGS, EXISTS... from Dovecot's alice
            }
            assertThat(line).startsWith("b OK");
        }
    }

    @Test
    void queryKeyFindsTheDomainsServer() throws Exception {
        int port = start("perdition.imap4", "--query_key \\U,\\d -S remote_login", "^example\\.org$: 127.0.0.1:IMAP");
        assertThat(MailClient.imap(port).inboxSizes("carol@example.org", fixture.dovecot().password("carol")))
                .containsExactly(MailClient.imap(fixture.dovecot().imapPort())
                        .inboxSizes("carol", fixture.dovecot().password("carol")));
    }
}
