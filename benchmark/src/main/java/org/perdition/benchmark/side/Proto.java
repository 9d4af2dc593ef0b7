package org.perdition.benchmark.side;

import java.util.concurrent.CompletableFuture;

/**
 * The two protocols as the load generator speaks them: the same steps (greet, log in, make ready
 * for fetching, fetch the 10 MiB message 4, NOOP, log out), each with its own wire form. Users are
 * the fixture's alice and bob (carol's password needs quoting, which the benchmark does not test).
 */
enum Proto {
    IMAP("imap4", "imap4s") {
        @Override
        Expect greeting() {
            return Expect.line("* OK");
        }

        @Override
        CompletableFuture<Conn> login(Conn c, String user, String password) {
            return c.send("a LOGIN " + user + " " + password, Expect.tagged("a"));
        }

        @Override
        CompletableFuture<Conn> prepareFetch(Conn c) {
            return c.send("s SELECT INBOX", Expect.tagged("s"));
        }

        @Override
        CompletableFuture<Conn> fetchBig(Conn c) {
            return c.send("f FETCH 4 BODY.PEEK[]", Expect.tagged("f"));
        }

        @Override
        CompletableFuture<Conn> logout(Conn c) {
            return c.send("z LOGOUT", Expect.tagged("z"));
        }

        @Override
        String noop() {
            return "n NOOP";
        }

        @Override
        String loginLine(String user, String password) {
            return "a LOGIN " + user + " " + password;
        }
    },
    POP3("pop3", "pop3s") {
        @Override
        Expect greeting() {
            return Expect.line("+OK");
        }

        @Override
        CompletableFuture<Conn> login(Conn c, String user, String password) {
            return c.send("USER " + user, Expect.line("+OK"))
                    .thenCompose(x -> c.send("PASS " + password, Expect.line("+OK")));
        }

        @Override
        CompletableFuture<Conn> prepareFetch(Conn c) {
            return CompletableFuture.completedFuture(c);
        }

        @Override
        CompletableFuture<Conn> fetchBig(Conn c) {
            return c.send("RETR 4", Expect.multiLine());
        }

        @Override
        CompletableFuture<Conn> logout(Conn c) {
            return c.send("QUIT", Expect.line("+OK"));
        }

        @Override
        String noop() {
            return "NOOP";
        }

        @Override
        String loginLine(String user, String password) {
            return "USER " + user + "\r\nPASS " + password;
        }
    };

    /** The launcher names (argv[0]) of our proxy for the plain and the implicit-TLS service. */
    final String plainProgram;
    final String tlsProgram;

    Proto(String plainProgram, String tlsProgram) {
        this.plainProgram = plainProgram;
        this.tlsProgram = tlsProgram;
    }

    abstract Expect greeting();

    abstract CompletableFuture<Conn> login(Conn c, String user, String password);

    abstract CompletableFuture<Conn> prepareFetch(Conn c);

    abstract CompletableFuture<Conn> fetchBig(Conn c);

    abstract CompletableFuture<Conn> logout(Conn c);

    /** The NOOP command line; its reply is one line (IMAP: tagged "n", POP3: "+OK"). */
    abstract String noop();

    /** The login, as lines for a blocking client (POP3: two commands, two replies). */
    abstract String loginLine(String user, String password);

    String label() {
        return name();
    }
}
