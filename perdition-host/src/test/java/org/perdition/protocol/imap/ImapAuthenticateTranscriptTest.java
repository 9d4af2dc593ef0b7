package org.perdition.protocol.imap;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** AUTHENTICATE PLAIN (RFC 3501 §6.2.2, 4616, 4959) and ID (RFC 2971), neither known to perdition. */
class ImapAuthenticateTranscriptTest {

    @TestFactory
    Stream<DynamicNode> transcripts() {
        return TranscriptTests.assertingEach("""
                === PLAIN after a continuation
                C: a AUTHENTICATE PLAIN
                S: +<SP>
                C: AGJvYgBzZWNyZXQ=
                L: - | bob | secret | a

                === PLAIN with an initial response and an authorisation id
                C: b authenticate plain YWRtaW4AYm9iAHNlY3JldA==
                L: admin | bob | secret | b

                === cancelled
                C: a AUTHENTICATE PLAIN
                S: +<SP>
                C: *
                S: a BAD AUTHENTICATE cancelled
                C: b NOOP
                S: b OK NOOP

                === bad responses
                C: a AUTHENTICATE PLAIN !!notbase64
                D: a NO Invalid base64 encoded challenge, mate
                C: b AUTHENTICATE PLAIN =
                D: b NO Empty challenge, mate
                C: c AUTHENTICATE PLAIN
                S: +<SP>
                C: Ym9i
                D: c NO Challenge has no authentication id, mate
                C: d AUTHENTICATE PLAIN
                S: +<SP>
                C:
                D: d NO Empty challenge, mate

                === other mechanisms are refused without delay
                C: a AUTHENTICATE CRAM-MD5
                S: a NO AUTHENTICATE mechanism not supported, mate
                C: b AUTHENTICATE GSSAPI YWJj
                S: b NO AUTHENTICATE mechanism not supported, mate

                === AUTHENTICATE syntax errors
                C: a AUTHENTICATE
                D: a BAD Mate, try AUTHENTICATE <mechanism>
                C: b AUTHENTICATE PLAIN a b
                D: b BAD Mate, try AUTHENTICATE <mechanism>
                C: c AUTHENTICATE "PLAIN"
                D: c BAD Mate, try AUTHENTICATE <mechanism>
                C: d AUTHENTICATE PLAIN {4}
                D: d BAD Mate, try AUTHENTICATE <mechanism>
                C: e AUTHENTICATE  PLAIN
                D: e BAD Mate, try AUTHENTICATE <mechanism>

                === a response line over max_line_length
                @ maxLineLength=24
                C: a AUTHENTICATE PLAIN
                S: +<SP>
                C: AGJvYgBzZWNyZXQgbG9uZw==
                X: * BYE Line too long, mate

                === ID forms
                C: a ID NIL
                S: * ID ("name" "perdition")
                &: a OK ID completed
                C: b ID ("name" "mutt" "version" NIL)
                S: * ID ("name" "perdition")
                &: b OK ID completed
                C: c id ()
                S: * ID ("name" "perdition")
                &: c OK ID completed
                C: d ID ({4}
                S: + OK ready for additional input
                C: name "x")
                S: * ID ("name" "perdition")
                &: d OK ID completed
                C: e ID ({4+}
                C: name {1+}
                C: x)
                S: * ID ("name" "perdition")
                &: e OK ID completed

                === malformed ID
                C: a ID
                D: a BAD Invalid ID, mate
                C: b ID ("name")
                D: b BAD Invalid ID, mate
                C: c ID (name "x")
                D: c BAD Invalid ID, mate
                C: d ID ("name" "x"
                D: d BAD Invalid ID, mate
                C: e ID "x"
                D: e BAD Invalid ID, mate
                C: f ID NIL NIL
                D: f BAD Invalid ID, mate
                C: g ID (NIL "x")
                D: g BAD Invalid ID, mate
                C: h ID ("name" ("x"))
                D: h BAD Invalid ID, mate
                C: i ID ("name"  "x")
                D: i BAD Invalid ID, mate
                C: j ID ("name" "x")<SP>
                D: j BAD Invalid ID, mate
                """);
    }
}
