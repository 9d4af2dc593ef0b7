package org.perdition.protocol.imap;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Tags, the commands without arguments, unknown commands and the line limit (spec §3.5). */
class ImapCommandTranscriptTest {

    @TestFactory
    Stream<DynamicNode> transcripts() {
        return TranscriptTests.assertingEach("""
                === NOOP in any case
                C: a001 NOOP
                S: a001 OK NOOP
                C: a002 noop
                S: a002 OK NOOP

                === CAPABILITY announces what we support
                C: a CAPABILITY
                S: * CAPABILITY IMAP4 IMAP4REV1 AUTH=PLAIN SASL-IR ID LITERAL+
                &: a OK CAPABILITY

                === CAPABILITY with a configured list that already has some of ours
                @ imapCapability=IMAP4rev1 literal+ ID
                C: a Capability
                S: * CAPABILITY IMAP4rev1 literal+ ID AUTH=PLAIN SASL-IR
                &: a OK CAPABILITY

                === LOGOUT closes
                C: z LOGOUT
                X: * BYE IMAP4 server logging out, mate
                &: z OK LOGOUT

                === LOGOUT ends the transcript even with more input
                C: z logout
                C: y NOOP
                X: * BYE IMAP4 server logging out, mate
                &: z OK LOGOUT

                === arguments to commands that take none
                C: a NOOP x
                D: a BAD Argument given to NOOP but there shouldn't be one, mate
                C: b CAPABILITY x y
                D: b BAD Argument given to CAPABILITY but there shouldn't be one, mate
                C: c LOGOUT now
                D: c BAD Argument given to LOGOUT but there shouldn't be one, mate
                C: d STARTTLS x
                D: d BAD Argument given to STARTTLS but there shouldn't be one, mate
                C: e NOOP<SP>
                D: e BAD Argument given to NOOP but there shouldn't be one, mate
                C: f NOOP {3}
                D: f BAD Argument given to NOOP but there shouldn't be one, mate
                C: g NOOP {3+}
                C: abc
                D: g BAD Argument given to NOOP but there shouldn't be one, mate

                === STARTTLS without tls_listen
                C: a STARTTLS
                D: a BAD STARTTLS disabled, mate

                === STARTTLS with tls_listen
                @ sslMode=TLS_LISTEN
                C: a CAPABILITY
                S: * CAPABILITY IMAP4 IMAP4REV1 AUTH=PLAIN SASL-IR ID LITERAL+ STARTTLS
                &: a OK CAPABILITY
                C: b STARTTLS
                T: b OK Begin TLS negotiation now
                C: c CAPABILITY
                S: * CAPABILITY IMAP4 IMAP4REV1 AUTH=PLAIN SASL-IR ID LITERAL+
                &: c OK CAPABILITY
                C: d STARTTLS
                D: d BAD SSL already active, mate

                === STARTTLS with tls_listen_force hides LOGINDISABLED only after TLS
                @ sslMode=TLS_LISTEN_FORCE
                C: a CAPABILITY
                S: * CAPABILITY IMAP4 IMAP4REV1 SASL-IR ID LITERAL+ STARTTLS LOGINDISABLED
                &: a OK CAPABILITY
                C: b STARTTLS
                T: b OK Begin TLS negotiation now
                C: c CAPABILITY
                S: * CAPABILITY IMAP4 IMAP4REV1 AUTH=PLAIN SASL-IR ID LITERAL+
                &: c OK CAPABILITY

                === STARTTLS on an ssl_listen connection
                @ sslMode=TLS_LISTEN
                @ clientTls=true
                C: a STARTTLS
                D: a BAD SSL already active, mate

                === invalid tags
                C:
                D: * BAD Invalid tag, mate
                C: a+b NOOP
                D: * BAD Invalid tag, mate
                C: a(b NOOP
                D: * BAD Invalid tag, mate
                C: a)b NOOP
                D: * BAD Invalid tag, mate
                C: a{b NOOP
                D: * BAD Invalid tag, mate
                C: a%b NOOP
                D: * BAD Invalid tag, mate
                C: * NOOP
                D: * BAD Invalid tag, mate
                C: a"b NOOP
                D: * BAD Invalid tag, mate
                C: a<BS>b NOOP
                D: * BAD Invalid tag, mate
                C: a]b NOOP
                D: * BAD Invalid tag, mate
                C: <SP>a NOOP
                D: * BAD Invalid tag, mate
                C: a<CR>b NOOP
                D: * BAD Invalid tag, mate
                C: t\u00e9 NOOP
                D: * BAD Invalid tag, mate
                C: a*b LOGIN {3}
                D: * BAD Invalid tag, mate

                === unusual but valid tags
                C: a.b-c_d!#$&'=?@[^|~/:;,` NOOP
                S: a.b-c_d!#$&'=?@[^|~/:;,` OK NOOP
                C: 1 NOOP
                S: 1 OK NOOP

                === a tag without a command
                C: a
                D: a BAD Missing command, mate
                C: b<SP>
                D: b BAD Missing command, mate
                C: c  NOOP
                D: c BAD Missing command, mate
                C: d  {3}
                D: d BAD Missing command, mate

                === unknown commands
                C: a SELECT INBOX
                D: a BAD Unrecognised command, mate
                C: b FOO
                D: b BAD Unrecognised command, mate
                C: c ENABLE UTF8=ACCEPT
                D: c BAD Unrecognised command, mate
                C: d SELECT {5}
                D: d BAD Unrecognised command, mate
                C: e SELECT {5+}
                C: INBOX
                D: e BAD Unrecognised command, mate
                C: f NOOP
                S: f OK NOOP

                === a line over max_line_length
                @ maxLineLength=32
                C: a NOOP
                S: a OK NOOP
                C: b LOGIN bobbobbobbobbobbobbob secretsecretsecret
                X: * BYE Line too long, mate

                === max_line_length counts every segment of a command with literals
                @ maxLineLength=20
                C: a LOGIN {3+}
                C: bob secretsecret
                X: * BYE Line too long, mate

                === a line of exactly max_line_length
                @ maxLineLength=14
                C: abcdef NOOP
                S: abcdef OK NOOP
                """);
    }
}
