package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every "this popmap routes logins through the running proxy" test does: start
 * perdition.imap4 with one map and no other option source, then log in as alice (mapped to the
 * private Dovecot) and as bob (mapped to a closed port, so only the map can have chosen it).
 */
final class PopmapRouting {

    /** A proxy started for one test, and the port it listens on. */
    record Proxy(PerditionProcess process, int port) {
    }

    private PopmapRouting() {
    }

    /** An empty config file, so an admin's /etc/perdition cannot change what the test runs. */
    static Path emptyConfig(Path dir) throws IOException {
        return Files.writeString(dir.resolve("empty.conf"), "# nothing: options come from the command line\n");
    }

    /** perdition.imap4 with {@code -M mapLibrary -m mapOptions} plus {@code extra}, listening. */
    static Proxy start(Path dir, String mapLibrary, String mapOptions, String... extra) throws Exception {
        PerditionProcess.readableAfterPrivilegeDrop(dir);
        int port = LineClient.freePort();
        List<String> args = new ArrayList<>(List.of("-f", emptyConfig(dir).toString(), "-M", mapLibrary,
                "-m", mapOptions, "-b", "127.0.0.1:" + port, "-F", "+", "--failure_delay", "0"));
        args.addAll(List.of(extra));
        PerditionProcess process = PerditionProcess.start("perdition.imap4", args.toArray(String[]::new));
        process.awaitListening();
        return new Proxy(process, port);
    }

    /** alice reaches Dovecot; bob's entry points at a closed port, so the map picked the back-end. */
    static void assertAliceReachesDovecotAndBobTheClosedPort(Proxy proxy) throws IOException {
        assertThat(imapLogin(proxy.port(), "alice", "alicepw")).as("stderr:%n%s", proxy.process().stderr())
                .startsWith("a OK");
        assertThat(imapLogin(proxy.port(), "bob", "bobpw")).isEqualTo("a NO failed: Could not connect to server");
    }

    /**
     * A map whose server refuses the plugin's credentials (issue 5, "Wrong credentials: a clear
     * error in the log"): the login fails, the log has the plugin's message, and never the password.
     */
    static void assertWrongCredentialsLogged(Proxy proxy, String message, String password) throws Exception {
        assertThat(imapLogin(proxy.port(), "alice", "alicepw")).startsWith("a NO");
        proxy.process().awaitStderr("popmap lookup failed (ACCESS): ");
        assertThat(proxy.process().stderr()).contains("popmap lookup failed (ACCESS): " + message)
                .doesNotContain(password);
    }

    /** The tagged reply to {@code a LOGIN user password}. */
    static String imapLogin(int port, String user, String password) throws IOException {
        try (LineClient client = LineClient.connect("127.0.0.1", port)) {
            assertThat(client.readLine()).startsWith("* OK ");
            return client.send("a LOGIN " + user + " " + password);
        }
    }
}
