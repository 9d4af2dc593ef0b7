package org.perdition.protocol.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.perdition.protocol.pop3.Pop3Transcript.script;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.perdition.config.SslMode;
import org.perdition.protocol.SaslPlain;

/**
 * Every pre-login command and error path of spec §3.4, plus our NOOP and AUTH, as scripts; each
 * script is fed line by line, pipelined in one buffer, and one byte at a time.
 */
class Pop3FrontendTranscriptTest {

    private static final String UNKNOWN =
            "-ERR Mate, the command must be one of CAPA, AUTH, USER, PASS, NOOP or QUIT";
    private static final String UNKNOWN_TLS =
            "-ERR Mate, the command must be one of STLS, CAPA, AUTH, USER, PASS, NOOP or QUIT";
    private static final String WRONG_LENGTH =
            "-ERR Mate, the command is too short, must be one of CAPA, AUTH, USER, PASS, NOOP or QUIT";
    private static final String CAPA_OK = "+OK Capability list follows, mate";
    private static final String TRY_USER = "-ERR Mate, try: USER <username>";

    static List<Pop3Transcript> scripts() {
        return List.of(
                script("CAPA, default list").c("CAPA").s(CAPA_OK, "UIDL", "USER", "SASL PLAIN", "."),
                script("capa in lower case").c("capa").s(CAPA_OK, "UIDL", "USER", "SASL PLAIN", "."),
                script("CAPA with an argument").c("CAPA x").delayed("-ERR Mate, try: CAPA"),
                script("CAPA, legacy two-space list").with(s -> s.popCapability = "TOP  UIDL  USER")
                        .c("CAPA").s(CAPA_OK, "TOP", "UIDL", "USER", "SASL PLAIN", "."),
                script("CAPA, tls_listen adds STLS").with(s -> s.sslMode.add(SslMode.TLS_LISTEN))
                        .c("CAPA").s(CAPA_OK, "UIDL", "USER", "STLS", "SASL PLAIN", "."),
                script("CAPA, STLS first and offered: not duplicated (bug B7)")
                        .with(s -> s.sslMode.add(SslMode.TLS_LISTEN)).with(s -> s.popCapability = "STLS.UIDL")
                        .c("CAPA").s(CAPA_OK, "STLS", "UIDL", "SASL PLAIN", "."),
                script("CAPA, STLS first and not offered: removed (bug B7)")
                        .with(s -> s.popCapability = "STLS.UIDL.USER")
                        .c("CAPA").s(CAPA_OK, "UIDL", "USER", "SASL PLAIN", "."),
                script("CAPA, configured SASL line kept, not doubled")
                        .with(s -> s.popCapability = "SASL PLAIN.USER")
                        .c("CAPA").s(CAPA_OK, "SASL PLAIN", "USER", "."),
                script("CAPA on ssl_listen with tls_listen: no STLS").clientTls()
                        .with(s -> s.sslMode.add(SslMode.TLS_LISTEN))
                        .c("CAPA").s(CAPA_OK, "UIDL", "USER", "SASL PLAIN", "."),
                script("STLS, then CAPA without it, then STLS refused").with(s -> s.sslMode.add(SslMode.TLS_LISTEN))
                        .c("STLS").tls("+OK Begin TLS negotiation, mate")
                        .c("CAPA").s(CAPA_OK, "UIDL", "USER", "SASL PLAIN", ".")
                        .c("STLS").delayed("-ERR TLS already active, mate")
                        .c("STAT").delayed(UNKNOWN),
                script("STLS forgets a plaintext USER (RFC 2595)").with(s -> s.sslMode.add(SslMode.TLS_LISTEN))
                        .c("USER bob").s("+OK USER bob set, mate")
                        .c("STLS").tls("+OK Begin TLS negotiation, mate")
                        .c("PASS x").delayed("-ERR USER not yet set, mate"),
                script("STLS with an argument").with(s -> s.sslMode.add(SslMode.TLS_LISTEN_FORCE))
                        .c("STLS x").delayed("-ERR Mate, try: STLS"),
                script("STLS without tls_listen is unknown").c("STLS").delayed(UNKNOWN),
                script("unknown command lists STLS under tls_listen").with(s -> s.sslMode.add(SslMode.TLS_LISTEN))
                        .c("STAT").delayed(UNKNOWN_TLS)
                        .c("LISTS").delayed(WRONG_LENGTH.replace("one of CAPA", "one of STLS, CAPA")),
                script("USER then PASS").c("USER bob").s("+OK USER bob set, mate")
                        .c("PASS secret").login(null, "bob", "secret"),
                script("PASS keeps every space").c("user bob").s("+OK USER bob set, mate")
                        .c("pass  good  two   spaces ").login(null, "bob", " good  two   spaces "),
                script("PASS with an empty password").c("USER bob").s("+OK USER bob set, mate")
                        .c("PASS ").login(null, "bob", ""),
                script("USER argument counts").c("USER").delayed(TRY_USER).c("USER a b").delayed(TRY_USER)
                        .c("USER  a").delayed(TRY_USER).c("USER a ").delayed(TRY_USER).c("USER ").delayed(TRY_USER),
                script("a second USER replaces the first").c("USER alice").s("+OK USER alice set, mate")
                        .c("USER bob").s("+OK USER bob set, mate").c("PASS pw").login(null, "bob", "pw"),
                script("after a failed login USER is needed again").c("USER bob").s("+OK USER bob set, mate")
                        .c("PASS one").login(null, "bob", "one")
                        .c("PASS two").delayed("-ERR USER not yet set, mate")
                        .c("USER bob").s("+OK USER bob set, mate").c("PASS two").login(null, "bob", "two"),
                script("PASS before USER").c("PASS secret").delayed("-ERR USER not yet set, mate")
                        .c("PASS").delayed("-ERR USER not yet set, mate"),
                script("PASS without a password").c("USER bob").s("+OK USER bob set, mate")
                        .c("PASS").delayed("-ERR Mate, try: PASS <password>"),
                script("QUIT").c("QUIT").close("+OK QUIT").c("USER never-read"),
                script("QUIT with an argument").c("QUIT now").delayed("-ERR Mate, try: QUIT")
                        .c("quit").close("+OK QUIT"),
                script("empty line and a leading space").c("").delayed("-ERR Null command, mate")
                        .c(" USER bob").delayed("-ERR Null command, mate"),
                script("unknown four-letter words").c("STAT").delayed(UNKNOWN).c("APOP bob x").delayed(UNKNOWN)
                        .c("LIST 1").delayed(UNKNOWN),
                script("words of other lengths").c("US").delayed(WRONG_LENGTH).c("USERS bob").delayed(WRONG_LENGTH)
                        .c("X").delayed(WRONG_LENGTH).c("STARTTLS").delayed(WRONG_LENGTH),
                script("NOOP").c("NOOP").s("+OK NOOP").c("noop x").delayed("-ERR Mate, try: NOOP"),
                script("AUTH lists PLAIN").c("AUTH").s("+OK", "PLAIN", "."),
                script("AUTH PLAIN with a continuation").c("AUTH PLAIN").s("+ ")
                        .c(SaslPlain.encode(null, "bob", "pass word")).login(null, "bob", "pass word")
                        .c("USER carol").s("+OK USER carol set, mate"),
                script("AUTH PLAIN with an initial response and authzid")
                        .c("auth plain " + SaslPlain.encode("admin", "bob", "pw")).login("admin", "bob", "pw"),
                script("AUTH PLAIN clears USER").c("USER alice").s("+OK USER alice set, mate")
                        .c("AUTH PLAIN " + SaslPlain.encode(null, "bob", "pw")).login(null, "bob", "pw")
                        .c("PASS pw").delayed("-ERR USER not yet set, mate"),
                script("AUTH PLAIN = is an empty initial response").c("AUTH PLAIN =")
                        .delayed("-ERR Empty challenge, mate"),
                script("AUTH cancelled").c("AUTH PLAIN").s("+ ").c("*").s("-ERR AUTH cancelled")
                        .c("NOOP").s("+OK NOOP"),
                script("AUTH PLAIN with bad base64").c("AUTH PLAIN").s("+ ").c("!!!")
                        .delayed("-ERR Invalid base64 encoded challenge, mate"),
                script("AUTH PLAIN refuses line breaks in credentials")
                        .c("AUTH PLAIN " + SaslPlain.encode(null, "bob", "pw\r\nDELE 1"))
                        .delayed("-ERR Line break in challenge, mate"),
                script("AUTH with another mechanism").c("AUTH CRAM-MD5").delayed("-ERR Unsupported SASL mechanism"),
                script("AUTH with too many arguments").c("AUTH PLAIN a b")
                        .delayed("-ERR Mate, try: AUTH [<mechanism> [<initial-response>]]")
                        .c("AUTH  PLAIN").delayed("-ERR Mate, try: AUTH [<mechanism> [<initial-response>]]"),
                script("lone LF ends a line, CR inside is dropped").raw("USER bob\n").s("+OK USER bob set, mate")
                        .raw("PA\rSS pw\r\n").login(null, "bob", "pw"),
                script("ISO-8859-1 user names are echoed byte for byte").c("USER j\u00f6rg")
                        .s("+OK USER j\u00f6rg set, mate"),
                script("over-long line closes").with(s -> s.maxLineLength = 16).c("NOOP").s("+OK NOOP")
                        .c("USER a-very-long-name").close("-ERR Line too long, mate"),
                script("over-long line without LF closes").with(s -> s.maxLineLength = 16)
                        .raw("USER a-very-long-name-and-no-end").close("-ERR Line too long, mate"));
    }

    static Stream<Arguments> scriptsAndFeedings() {
        return scripts().stream().flatMap(script -> Arrays.stream(FrontendDriver.Feeding.values())
                .map(feeding -> Arguments.of(script, feeding)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("scriptsAndFeedings")
    void transcript(Pop3Transcript script, FrontendDriver.Feeding feeding) {
        var session = new Pop3Module().newSession(script.context());

        List<String> events = FrontendDriver.run(session, script.clientLines, feeding);

        assertThat(events).as(script.name).containsExactlyElementsOf(script.expected);
    }
}
