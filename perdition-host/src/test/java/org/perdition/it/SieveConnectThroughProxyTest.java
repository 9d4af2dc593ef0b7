package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.log.LogSetup;

/**
 * sieve-connect (Debian's ManageSieve client) manages a script through the proxy: upload, list,
 * download, activate, deactivate, delete; the script must round-trip byte for byte and land in
 * Dovecot's sieve directory (issue 6 "done when").
 */
class SieveConnectThroughProxyTest {

    private static final Path SIEVE_CONNECT = Path.of("/usr/bin/sieve-connect");

    @RegisterExtension
    static final DovecotBehindProxy fixture = new DovecotBehindProxy(() -> {
        Assumptions.assumeTrue(Files.isExecutable(SIEVE_CONNECT),
                "sieve-connect is not installed (" + SIEVE_CONNECT + " missing): skipping");
        ManageSieveProxyTest.assumeManagesieved();
    });

    @TempDir
    Path dir;

    private int start(boolean tlsListen) throws Exception {
        Settings settings = ManageSieveProxyTest.settings(dir, fixture.dovecot());
        if (tlsListen) {
            TestCertificate certificate = TestCertificate.create(dir);
            settings.sslMode.add(SslMode.TLS_LISTEN);
            settings.sslCertFile = certificate.cert().toString();
            settings.sslKeyFile = certificate.key().toString();
        }
        LogSetup.configure(settings);
        return fixture.startProxy(settings);
    }

    /** Runs sieve-connect as alice with the password on stdin; returns its output, asserting exit 0. */
    private String sieveConnect(int port, String... action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SIEVE_CONNECT.toString(), "--server", "127.0.0.1",
                "--port", Integer.toString(port), "--user", "alice", "--passwordfd", "0", "--notlsverify"));
        command.addAll(List.of(action));
        Path output = dir.resolve("sieve-connect-" + System.nanoTime() + ".out");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        process.getOutputStream().write("alicepw\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("sieve-connect finished").isTrue();
        String text = Files.readString(output);
        assertThat(process.exitValue()).as(String.join(" ", action) + ":\n" + text).isZero();
        return text;
    }

    private static Path remote(String name) {
        return fixture.dovecot().dir().resolve("mail/alice/sieve").resolve(name + ".sieve");
    }

    private void manageAScript(int port, String name) throws Exception {
        String body = "require [\"fileinto\", \"envelope\"];\r\n"
                + "# \"quotes\" and \\ backslashes travel unchanged\r\n"
                + "if header :contains \"subject\" \"" + name + "\" {\r\n  fileinto \"INBOX\";\r\n}\r\n";
        Path local = dir.resolve(name + ".sieve");
        Files.writeString(local, body, StandardCharsets.UTF_8);

        sieveConnect(port, "--upload", "--localsieve", local.toString(), "--remotesieve", name);
        assertThat(Files.readString(remote(name))).isEqualTo(body);
        assertThat(sieveConnect(port, "--list")).contains(name);

        Path downloaded = dir.resolve(name + ".downloaded");
        sieveConnect(port, "--download", "--remotesieve", name, "--localsieve", downloaded.toString());
        assertThat(Files.readString(downloaded)).isEqualTo(body);

        sieveConnect(port, "--activate", "--remotesieve", name);
        assertThat(sieveConnect(port, "--list")).containsPattern("\"?" + name + "\"?\\s+ACTIVE");
        Path active = fixture.dovecot().dir().resolve("mail/alice/.dovecot.sieve");
        assertThat(Files.isSymbolicLink(active)).isTrue();
        assertThat(Files.readSymbolicLink(active).toString()).endsWith(name + ".sieve");

        sieveConnect(port, "--deactivate");   // the active one; naming it is a usage error
        sieveConnect(port, "--delete", "--remotesieve", name);
        assertThat(remote(name)).doesNotExist();
        assertThat(sieveConnect(port, "--list")).doesNotContain(name);
    }

    @Test
    void managesAScriptInClear() throws Exception {
        manageAScript(start(false), "clear1");
        assertThat(Files.readString(dir.resolve("perdition.log")))
                .contains("client-secure=plaintext ", "protocol=MANAGESIEVE", "status=\"ok\"");
    }

    @Test
    void managesAScriptAfterStarttls() throws Exception {
        manageAScript(start(true), "tls1");
        assertThat(Files.readString(dir.resolve("perdition.log")))
                .contains("client-secure=starttls ", "protocol=MANAGESIEVE", "status=\"ok\"")
                .doesNotContain("client-secure=plaintext ");
    }
}
