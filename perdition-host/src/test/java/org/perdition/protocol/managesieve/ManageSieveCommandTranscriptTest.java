package org.perdition.protocol.managesieve;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** CAPABILITY, NOOP, LOGOUT, STARTTLS, unknown commands, syntax and limits (spec §3.6.2, §3.6.3). */
class ManageSieveCommandTranscriptTest {

    private static final String CAPS = "@ managesieveCapability=\"IMPLEMENTATION\" \"perdition\"  \"SASL\" \"PLAIN\"";

    @TestFactory
    Stream<DynamicNode> transcripts() {
        return SieveTranscripts.assertingEach(("""
                === CAPABILITY lists the configured items, one a line
                CAPS
                C: CAPABILITY
                S: "IMPLEMENTATION" "perdition"
                &: "SASL" "PLAIN"
                &: OK "CAPABILITY completed, mate"
                C: capability
                S: "IMPLEMENTATION" "perdition"
                &: "SASL" "PLAIN"
                &: OK "CAPABILITY completed, mate"

                === CAPABILITY with an argument
                C: CAPABILITY x
                D: NO "Too many arguments, expected CAPABILITY, mate"
                C: CAPABILITY "x"
                D: NO "Too many arguments, expected CAPABILITY, mate"
                C: CAPABILITY<SP>
                D: NO "Too many arguments, expected CAPABILITY, mate"

                === NOOP
                C: NOOP
                S: OK "NOOP completed, mate"
                C: Noop
                S: OK "NOOP completed, mate"

                === NOOP with a tag echoes it (RFC 5804 section 2.11; perdition sent nothing, bug B16)
                C: NOOP "STARTTLS-SYNC-42"
                S: OK (TAG "STARTTLS-SYNC-42") "NOOP completed, mate"
                C: NOOP "a <BS><Q>quoted<BS><Q> <BS><BS> tag"
                S: OK (TAG "a <BS><Q>quoted<BS><Q> <BS><BS> tag") "NOOP completed, mate"
                C: NOOP {5+}
                R: ab<CRLF>c
                C:
                S: OK (TAG {5}
                &: ab
                &: c) "NOOP completed, mate"
                C: NOOP {3}
                R: abc
                C:
                S: OK (TAG "abc") "NOOP completed, mate"

                === NOOP with a bad argument gets a NOOP text (perdition's named AUTHENTICATE)
                C: NOOP atom
                D: NO "Invalid argument, expected NOOP [String], mate"
                C: NOOP "unterminated
                D: NO "Invalid argument, expected NOOP [String], mate"
                C: NOOP "bad <BS>escape"
                D: NO "Invalid argument, expected NOOP [String], mate"
                C: NOOP  "two spaces"
                D: NO "Invalid argument, expected NOOP [String], mate"
                C: NOOP "a" "b"
                D: NO "Too many arguments, expected NOOP [String], mate"
                C: NOOP "a"b
                D: NO "Invalid argument, expected NOOP [String], mate"

                === LOGOUT closes
                C: LOGOUT
                C: NOOP
                X: OK "LOGOUT completed, mate"

                === LOGOUT with an argument
                C: logout now
                D: NO "Too many arguments, expected LOGOUT, mate"
                C: LOGOUT
                X: OK "LOGOUT completed, mate"

                === unknown commands and empty lines
                C: PUTSCRIPT "x" {3+}
                R: abc
                C:
                D: NO "Unknown command, mate"
                C: HAVESPACE "x" 10
                D: NO "Unknown command, mate"
                C: LISTSCRIPTS
                D: NO "Unknown command, mate"
                C:
                D: NO "Unknown command, mate"
                C: "CAPABILITY"
                D: NO "Unknown command, mate"
                C: NOOP<NUL>
                D: NO "Unknown command, mate"

                === STARTTLS without tls_listen is unknown
                C: STARTTLS
                D: NO "Unknown command, mate"

                === STARTTLS with tls_listen: capabilities again after the handshake, without STARTTLS
                CAPS
                @ sslMode=TLS_LISTEN
                C: CAPABILITY
                S: "IMPLEMENTATION" "perdition"
                &: "SASL" "PLAIN"
                &: "STARTTLS"
                &: OK "CAPABILITY completed, mate"
                C: STARTTLS x
                D: NO "Too many arguments, expected STARTTLS, mate"
                C: starttls
                T: OK "Begin TLS negotiation, mate"
                S: "IMPLEMENTATION" "perdition"
                &: "SASL" "PLAIN"
                &: OK "TLS negotiation completed, mate"
                C: STARTTLS
                D: NO "Unknown command, mate"

                === STARTTLS in the configured list is removed without tls_listen
                @ managesieveCapability="STARTTLS"  "VERSION" "1.0"
                C: CAPABILITY
                S: "VERSION" "1.0"
                &: OK "CAPABILITY completed, mate"

                === STARTTLS in the configured list, first, is kept once with tls_listen_force
                @ managesieveCapability="starttls"  "VERSION" "1.0"
                @ sslMode=TLS_LISTEN_FORCE
                C: CAPABILITY
                S: "starttls"
                &: "VERSION" "1.0"
                &: OK "CAPABILITY completed, mate"

                === under implicit TLS STARTTLS is neither offered nor accepted
                @ sslMode=TLS_LISTEN
                @ clientTls=true
                @ managesieveCapability="VERSION" "1.0"
                C: CAPABILITY
                S: "VERSION" "1.0"
                &: OK "CAPABILITY completed, mate"
                C: STARTTLS
                D: NO "Unknown command, mate"

                === a line over --max_line_length says BYE and closes
                @ maxLineLength=16
                C: NOOP "0123456789abcdef"
                X: BYE "Line too long, mate"

                === a literal over --max_literal_size says BYE and closes
                @ maxLiteralSize=4
                C: NOOP {5+}
                R: abcde
                C:
                X: BYE "Literal too large, mate"

                === a literal within the limits
                @ maxLiteralSize=4
                C: NOOP {4+}
                R: abcd
                C:
                S: OK (TAG "abcd") "NOOP completed, mate"
                """).replace("CAPS", CAPS));
    }
}
