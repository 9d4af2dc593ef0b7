package org.perdition.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/**
 * The invariants every pre-login decoder ({@link FrontendSession#decode}) must keep whatever the
 * client sends (issue 9, "Fuzzing"). The same bytes are fed twice: in one buffer, and cut at
 * fuzzer-chosen points into a cumulation buffer the way Netty's ByteToMessageDecoder does. Then:
 * <ul>
 *   <li>decode never throws (any exception escapes and fails the target);</li>
 *   <li>null means "not a whole command yet" (IMAP may keep the segments of an unfinished
 *       command, within the caps); an event other than Close consumed at least one byte, but for
 *       one owed reply in a row (else the core would loop);</li>
 *   <li>the events do not depend on how the input was cut: an event returned for a prefix
 *       would differ from the one-buffer run, so no event comes from incomplete input;</li>
 *   <li>every text the client is sent is whole lines: non-empty, ends in CRLF, and has no
 *       lone CR or LF (no reply injection from echoed client text);</li>
 *   <li>the caps from Settings hold: one decode call allocates a bounded amount, independent of
 *       a declared literal size such as {@code {4294967296}}.</li>
 * </ul>
 */
public final class DecoderFuzzing {

    /**
     * Slack for one decode call's garbage (strings, the event, Log formatting), in bytes. Far
     * below what a declared literal of a few megabytes would cost if it were allocated.
     */
    private static final long ALLOCATION_SLACK = 2 * 1024 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private DecoderFuzzing() {
    }

    /**
     * Input layout, so that committed seeds are easy to write ({@code scripts/fuzz-seeds.py}):
     * bytes 0-1 the line cap (16 + n % 8177), 2-3 the literal cap (n % 8193), both big-endian;
     * byte 4 bit 0: {@code -s tls_listen} (STARTTLS/STLS offered); byte 5: the number of cuts
     * (n % 17), then two bytes per cut (chunk length, n % 4097); then the client's bytes.
     * Missing header bytes read as 0.
     */
    public static void check(ProtocolModule module, byte[] input) {
        Header header = new Header(input);
        Settings settings = new Settings();
        settings.maxLineLength = 16 + header.unsigned16() % 8177;
        settings.maxLiteralSize = header.unsigned16() % 8193;
        if ((header.unsigned8() & 1) != 0) {
            settings.sslMode.add(SslMode.TLS_LISTEN);
        }
        int cutCount = header.unsigned8() % 17;
        int[] cuts = new int[cutCount];
        for (int i = 0; i < cutCount; i++) {
            cuts[i] = header.unsigned16() % 4097;
        }
        byte[] client = java.util.Arrays.copyOfRange(input, Math.min(header.position, input.length), input.length);

        SessionContext context = new SessionContext(settings, "fuzz.example 0002bbb9", false);
        FrontendSession whole = module.newSession(context);
        assertWholeLines("greeting", whole.greeting());
        // a first run loads and initialises the classes on this input's paths, which the
        // allocation counter would otherwise charge to one decode call
        List<ClientEvent> warmUp = run(whole, settings, List.of(client), false);
        List<ClientEvent> oneBuffer = run(module.newSession(context), settings, List.of(client), true);
        assertThat(oneBuffer).as("events of a second session on the same input").isEqualTo(warmUp);
        List<ClientEvent> cutUp = run(module.newSession(context), settings, cut(client, cuts), true);
        assertThat(cutUp).as("events with the input cut up vs in one buffer").isEqualTo(oneBuffer);
    }

    private static List<byte[]> cut(byte[] client, int[] cuts) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int length : cuts) {
            int to = Math.min(client.length, from + length);
            chunks.add(java.util.Arrays.copyOfRange(client, from, to));
            from = to;
        }
        chunks.add(java.util.Arrays.copyOfRange(client, from, client.length));
        return chunks;
    }

    private static List<ClientEvent> run(FrontendSession session, Settings settings, List<byte[]> chunks,
            boolean measure) {
        List<ClientEvent> events = new ArrayList<>();
        ByteBuf cumulation = Unpooled.buffer();
        try {
            for (byte[] chunk : chunks) {
                cumulation.writeBytes(chunk);
                if (decodeAll(session, settings, cumulation, events, measure)) {
                    return events;
                }
                cumulation.discardReadBytes();
            }
            return events;
        } finally {
            cumulation.release();
        }
    }

    /** Returns true when the session asked to close. */
    private static boolean decodeAll(FrontendSession session, Settings settings, ByteBuf in,
            List<ClientEvent> events, boolean measure) {
        int unconsumed = 0;
        while (true) {
            int before = in.readerIndex();
            int readable = in.readableBytes();
            long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            ClientEvent event = session.decode(in);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
            long bound = ALLOCATION_SLACK + 16L * (settings.maxLineLength + settings.maxLiteralSize + readable);
            assertThat(measure ? allocated : 0).as("bytes allocated by one decode of %d readable bytes", readable)
                    .isLessThanOrEqualTo(bound);
            if (event == null) {
                // IMAP's CommandReader may take a line segment of an unfinished command (one with a
                // LITERAL+ to come) and keep it, bounded by the caps: so null may have consumed bytes,
                // but never more than there were (and cut-independence shows none were lost).
                assertThat(in.readerIndex()).as("decode returned null").isBetween(before, before + readable);
                return false;
            }
            if (in.readerIndex() == before && !(event instanceof ClientEvent.Close)) {
                // allowed once: ManageSieve owes its capabilities after STARTTLS (RFC 5804 §2.2)
                unconsumed++;
                assertThat(unconsumed).as("events in a row without consuming a byte (the core would loop): %s",
                        event).isLessThanOrEqualTo(1);
            } else {
                unconsumed = 0;
            }
            events.add(event);
            if (act(session, event)) {
                return true;
            }
        }
    }

    private static boolean act(FrontendSession session, ClientEvent event) {
        if (event instanceof ClientEvent.Reply reply) {
            assertWholeLines("Reply", reply.text());
        } else if (event instanceof ClientEvent.DelayedReply delayed) {
            assertWholeLines("DelayedReply", delayed.text());
        } else if (event instanceof ClientEvent.StartTls tls) {
            assertWholeLines("StartTls", tls.text());
            session.clientTlsStarted();
        } else if (event instanceof ClientEvent.Close close) {
            assertWholeLines("Close", close.text());
            return true;
        } else if (event instanceof ClientEvent.Login login) {
            Credentials credentials = login.credentials();
            assertThat(credentials.user()).as("login user").isNotNull();
            assertThat(credentials.password()).as("login password").isNotNull();
            assertWholeLines("loginFailed", session.loginFailed(credentials, FailureReason.REAUTHENTICATION));
        }
        return false;
    }

    /** Reads the header; past the end of the input every byte is 0. */
    private static final class Header {
        private final byte[] input;
        private int position;

        Header(byte[] input) {
            this.input = input;
        }

        int unsigned8() {
            int value = position < input.length ? input[position] & 0xff : 0;
            position++;
            return value;
        }

        int unsigned16() {
            return unsigned8() << 8 | unsigned8();
        }
    }

    /**
     * Non-empty, ends in CRLF, and every CR is followed by LF and every LF preceded by CR, outside
     * literals: ManageSieve echoes a NOOP tag given as a literal as {@code {n}CRLF} and n octets
     * (RFC 5804 §2.11), whose contents are length-prefixed and may hold any byte.
     */
    public static void assertWholeLines(String what, String text) {
        assertThat(text).as(what).isNotNull().endsWith("\r\n");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                assertThat(i + 1 < text.length() && text.charAt(i + 1) == '\n')
                        .as("%s: lone CR at %d in %s", what, i, text).isTrue();
            } else if (c == '\n') {
                assertThat(i > 0 && text.charAt(i - 1) == '\r')
                        .as("%s: lone LF at %d in %s", what, i, text).isTrue();
                int literal = literalLengthEndingAt(text, i);
                assertThat(i + literal).as("%s: literal longer than the text: %s", what, text)
                        .isLessThan(text.length());
                i += literal;
            }
        }
    }

    /** n when {@code text} has {@code {n}CRLF} or {@code {n+}CRLF} with its LF at {@code lf}, else 0. */
    private static int literalLengthEndingAt(String text, int lf) {
        int close = lf - 2;
        if (close < 0 || text.charAt(close) != '}') {
            return 0;
        }
        int end = text.charAt(close - 1 >= 0 ? close - 1 : 0) == '+' ? close - 1 : close;
        int start = end;
        while (start > 0 && Character.isDigit(text.charAt(start - 1))) {
            start--;
        }
        if (start == end || start == 0 || text.charAt(start - 1) != '{' || end - start > 9) {
            return 0;
        }
        return Integer.parseInt(text.substring(start, end));
    }
}
