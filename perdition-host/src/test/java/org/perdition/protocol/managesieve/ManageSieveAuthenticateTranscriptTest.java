package org.perdition.protocol.managesieve;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * AUTHENTICATE "PLAIN" (spec §3.6.3, RFC 5804 §2.1): initial responses as quoted strings and
 * literals, the continuation perdition lacked, and every refusal with perdition's texts.
 * base64: "AGJvYgBib2Jwdw==" is NUL bob NUL bobpw, "YWRtaW4AYm9iAGJvYnB3" is admin NUL bob NUL bobpw.
 */
class ManageSieveAuthenticateTranscriptTest {

    @TestFactory
    Stream<DynamicNode> transcripts() {
        return SieveTranscripts.assertingEach("""
                === initial response as a quoted string
                C: AUTHENTICATE "PLAIN" "AGJvYgBib2Jwdw=="
                L: - | bob | bobpw

                === with an authzid: the authzid is the login id, the authcid goes on unchanged
                C: AUTHENTICATE "PLAIN" "YWRtaW4AYm9iAGJvYnB3"
                L: admin | bob | bobpw

                === initial response as a literal, synchronising or not
                C: AUTHENTICATE "PLAIN" {16+}
                C: AGJvYgBib2Jwdw==
                L: - | bob | bobpw

                === initial response as a synchronising literal: no continuation is sent
                C: AUTHENTICATE "PLAIN" {16}
                C: AGJvYgBib2Jwdw==
                L: - | bob | bobpw

                === the mechanism as an atom, in any case (perdition refused the atom)
                C: AUTHENTICATE PLAIN "AGJvYgBib2Jwdw=="
                L: - | bob | bobpw
                C: authenticate "plain" "AGJvYgBib2Jwdw=="
                L: - | bob | bobpw

                === no initial response: an empty challenge, then the response as a string
                C: AUTHENTICATE "PLAIN"
                S: ""
                C: "AGJvYgBib2Jwdw=="
                L: - | bob | bobpw

                === no initial response: the response as a literal
                C: Authenticate "Plain"
                S: ""
                C: {16+}
                C: AGJvYgBib2Jwdw==
                L: - | bob | bobpw

                === the client cancels
                C: AUTHENTICATE "PLAIN"
                S: ""
                C: "*"
                D: NO "AUTHENTICATE cancelled, mate"
                C: NOOP
                S: OK "NOOP completed, mate"

                === a response that is no string
                C: AUTHENTICATE "PLAIN"
                S: ""
                C: AGJvYgBib2Jwdw==
                D: NO "Invalid AUTHENTICATE <BS>"PLAIN<BS>" challenge, mate"
                C: AUTHENTICATE "PLAIN"
                S: ""
                C: "a" "b"
                D: NO "Invalid AUTHENTICATE <BS>"PLAIN<BS>" challenge, mate"

                === argument counts
                C: AUTHENTICATE
                D: NO "Incorrect argument count, expected AUTHENTICATE <mechanism> [<challenge>], mate"
                C: AUTHENTICATE "PLAIN" "a" "b"
                D: NO "Incorrect argument count, expected AUTHENTICATE <mechanism> [<challenge>], mate"
                C: AUTHENTICATE "PLAIN  "a"
                D: NO "Incorrect argument count, expected AUTHENTICATE <mechanism> [<challenge>], mate"

                === other mechanisms
                C: AUTHENTICATE "LOGIN"
                D: NO "Unknown SASL mechanism, mate"
                C: AUTHENTICATE "DIGEST-MD5" "abc"
                D: NO "Unknown SASL mechanism, mate"

                === an atom as the initial response (the quote in perdition's text is escaped now)
                C: AUTHENTICATE "PLAIN" AGJvYgBib2Jwdw==
                D: NO "Invalid AUTHENTICATE <BS>"PLAIN<BS>" challenge, mate"

                === perdition's SASL PLAIN decoding texts
                C: AUTHENTICATE "PLAIN" "!!!"
                D: NO "Invalid base64 encoded challenge, mate"
                C: AUTHENTICATE "PLAIN" ""
                D: NO "Empty challenge, mate"
                C: AUTHENTICATE "PLAIN" "Ym9i"
                D: NO "Challenge has no authentication id, mate"
                C: AUTHENTICATE "PLAIN" "AGJvYg=="
                D: NO "Challenge has no password, mate"
                C: AUTHENTICATE "PLAIN" "YQAAcHc="
                D: NO "Empty authentication id, mate"
                C: AUTHENTICATE "PLAIN" "AGJvYgBwdwA="
                D: NO "Trailing garbage in challenge, mate"

                === an empty password is accepted and forwarded (observed)
                C: AUTHENTICATE "PLAIN" "AGJvYgA="
                L: - | bob |<SP>
                """);
    }
}
