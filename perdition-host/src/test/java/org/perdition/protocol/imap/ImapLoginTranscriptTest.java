package org.perdition.protocol.imap;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * LOGIN arguments (RFC 3501 §6.2.3, RFC 7888): atoms, quoted strings and both literal forms in
 * every position, each argument decoded on its own (bug B14 fix). A transcript goes on after a
 * Login event as after a failed login: the client may try again on the same connection.
 */
class ImapLoginTranscriptTest {

    @TestFactory
    Stream<DynamicNode> transcripts() {
        return TranscriptTests.assertingEach("""
                === atoms
                C: a LOGIN bob secret
                L: - | bob | secret | a
                C: b login bob p@ss{w}rd]
                L: - | bob | p@ss{w}rd] | b
                C: c LOGIN b\u00f6b p\u00e4ss
                L: - | b\u00f6b | p\u00e4ss | c

                === quoted strings, with escapes, mixed with atoms
                C: a LOGIN "bob" "se cret"
                L: - | bob | se cret | a
                C: b LOGIN "b<BS>"o<BS><BS>b" "p<BS><BS>w<BS>"d"
                L: - | b"o<BS>b | p<BS>w"d | b
                C: c LOGIN bob "pa ss"
                L: - | bob | pa ss | c
                C: d LOGIN "bob" secret
                L: - | bob | secret | d
                C: e LOGIN "{3}" "x y"
                L: - | {3} | x y | e

                === badly quoted arguments
                C: a LOGIN "bob secret
                D: a BAD Mate, try LOGIN <username> <passwd>
                C: b LOGIN "b<BS>ob" secret
                D: b BAD Mate, try LOGIN <username> <passwd>
                C: c LOGIN "bob"secret
                D: c BAD Mate, try LOGIN <username> <passwd>
                C: d LOGIN bob "a"b"
                D: d BAD Mate, try LOGIN <username> <passwd>
                C: e LOGIN "b<NUL>b" secret
                D: e BAD Mate, try LOGIN <username> <passwd>
                C: f LOGIN bob "x<BS>"
                D: f BAD Mate, try LOGIN <username> <passwd>
                C: g LOGIN bob se<NUL>cret
                D: g BAD Mate, try LOGIN <username> <passwd>

                === wrong arity and empty arguments
                C: a LOGIN
                D: a BAD Mate, try LOGIN <username> <passwd>
                C: b LOGIN bob
                D: b BAD Mate, try LOGIN <username> <passwd>
                C: c LOGIN bob pw extra
                D: c BAD Mate, try LOGIN <username> <passwd>
                C: d LOGIN bob  pw
                D: d BAD Mate, try LOGIN <username> <passwd>
                C: e LOGIN bob pw<SP>
                D: e BAD Mate, try LOGIN <username> <passwd>
                C: f LOGIN (bob) pw
                D: f BAD Mate, try LOGIN <username> <passwd>
                C: g LOGIN "" secret
                D: g BAD Mate, try LOGIN <username> <passwd>
                C: h LOGIN bob ""
                D: h BAD Mate, try LOGIN <username> <passwd>
                C: i LOGIN<SP>
                D: i BAD Mate, try LOGIN <username> <passwd>

                === synchronising literal for the user name
                C: a LOGIN {3}
                S: + OK ready for additional input
                C: bob secret
                L: - | bob | secret | a

                === synchronising literal for the password
                C: a LOGIN "bob" {6}
                S: + OK ready for additional input
                C: secret
                L: - | bob | secret | a

                === synchronising literals for both, bytes that would need quoting
                C: a LOGIN {3}
                S: + OK ready for additional input
                C: bob {9}
                S: + OK ready for additional input
                C: p<CRLF>"w<BS>d x
                L: - | bob | p<CRLF>"w<BS>d x | a
                C: b NOOP
                S: b OK NOOP

                === an empty literal is an empty user name
                C: a LOGIN {0}
                S: + OK ready for additional input
                C:  secret
                D: a BAD Mate, try LOGIN <username> <passwd>

                === a literal in a third argument
                C: a LOGIN bob pw {3}
                S: + OK ready for additional input
                C: xyz
                D: a BAD Mate, try LOGIN <username> <passwd>

                === a literal glued to a quoted string
                C: a LOGIN "bob"{3+}
                C: xyz
                D: a BAD Mate, try LOGIN <username> <passwd>

                === non-synchronising literals in every position
                C: a LOGIN {3+}
                C: bob {6+}
                C: secret
                L: - | bob | secret | a
                C: b LOGIN {3+}
                C: bob "se cret"
                L: - | bob | se cret | b
                C: c LOGIN "bob" {6+}
                C: secret
                L: - | bob | secret | c
                C: d LOGIN bob {4+}
                C: a<CR><LF>b
                L: - | bob | a<CRLF>b | d

                === mixed literal forms
                C: a LOGIN {3}
                S: + OK ready for additional input
                C: bob {6+}
                C: secret
                L: - | bob | secret | a
                C: b LOGIN {3+}
                C: bob {6}
                S: + OK ready for additional input
                C: secret
                L: - | bob | secret | b

                === a literal-looking atom is an atom
                C: a LOGIN {3}x secret
                L: - | {3}x | secret | a
                C: b LOGIN bob{3}
                D: b BAD Mate, try LOGIN <username> <passwd>

                === oversized literals
                @ maxLiteralSize=8
                C: a LOGIN {9}
                D: a BAD Literal too large, mate
                C: b LOGIN {99999999999999999999999}
                D: b BAD Literal too large, mate
                C: c LOGIN {8}
                S: + OK ready for additional input
                C: 12345678 {8}
                S: + OK ready for additional input
                C: abcdefgh
                L: - | 12345678 | abcdefgh | c
                C: d LOGIN bob {9+}
                X: d BAD Literal too large, mate
                &: * BYE Literal too large, mate

                === an oversized literal behind an invalid tag
                @ maxLiteralSize=8
                C: a*b LOGIN {9}
                D: * BAD Literal too large, mate

                === literals of one command together over twice the limit
                @ maxLiteralSize=4
                C: a ID ({4+}
                C: name {4+}
                C: mutt {1+}
                X: a BAD Literal too large, mate
                &: * BYE Literal too large, mate
                """);
    }
}
