package org.perdition.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Feeds a {@link Transcript}'s client bytes to a fresh session the way the session core does
 * (a cumulation buffer, decoding until the session wants more bytes, stopping at a Close), line
 * by line, all at once and byte by byte; every transcript must give the same events in each mode.
 */
public final class TranscriptRunner {

    static final String GREETING_SUFFIX = "localhost 0002bbb9";

    /** How the client's bytes arrive. */
    enum Mode { LINE_BY_LINE, PIPELINED, BYTE_BY_BYTE }

    /** What the session produced and what was left unread. */
    record Outcome(List<String> events, int unreadBytes, boolean closed) {
    }

    private final FrontendSession session;
    private final Transcript.Dialect dialect;
    private final ByteBuf cumulation = Unpooled.buffer();
    private final List<String> events = new ArrayList<>();
    private boolean closed;

    private TranscriptRunner(FrontendSession session, Transcript.Dialect dialect) {
        this.session = session;
        this.dialect = dialect;
    }

    /** One dynamic test per transcript and {@link Mode}, each asserting the transcript's events. */
    public static Stream<DynamicNode> assertingEach(String transcripts, Transcript.Dialect dialect) {
        List<Transcript> all = Transcript.parseAll(transcripts, dialect);
        assertThat(all).isNotEmpty();
        List<DynamicNode> nodes = new ArrayList<>();
        for (Transcript transcript : all) {
            assertThat(transcript.expected()).as(transcript.name()).isNotEmpty();
            List<DynamicNode> modes = new ArrayList<>();
            for (Mode mode : Mode.values()) {
                modes.add(DynamicTest.dynamicTest(mode.name(), () -> check(transcript, mode, dialect)));
            }
            nodes.add(DynamicContainer.dynamicContainer(transcript.name(), modes));
        }
        return nodes.stream();
    }

    private static void check(Transcript transcript, Mode mode, Transcript.Dialect dialect) {
        Outcome outcome = run(transcript, mode, dialect);
        assertThat(outcome.events()).as(transcript.name() + " " + mode).containsExactlyElementsOf(transcript.expected());
        if (!outcome.closed()) {
            // Every command consumed exactly its own bytes: nothing is left over, nothing was missing.
            assertThat(outcome.unreadBytes()).as("unread bytes").isZero();
        }
    }

    static Outcome run(Transcript transcript, Mode mode, Transcript.Dialect dialect) {
        SessionContext context = new SessionContext(transcript.settings(), GREETING_SUFFIX, transcript.clientTls());
        TranscriptRunner runner = new TranscriptRunner(dialect.module().newSession(context), dialect);
        try {
            runner.feed(transcript.clientChunks(), mode);
            return new Outcome(List.copyOf(runner.events), runner.cumulation.readableBytes(), runner.closed);
        } finally {
            runner.cumulation.release();
        }
    }

    private void feed(List<byte[]> chunks, Mode mode) {
        switch (mode) {
            case LINE_BY_LINE -> chunks.forEach(this::receive);
            case PIPELINED -> receive(concat(chunks));
            case BYTE_BY_BYTE -> {
                for (byte b : concat(chunks)) {
                    receive(new byte[] {b});
                }
            }
        }
    }

    private void receive(byte[] bytes) {
        if (closed) {
            return;
        }
        cumulation.writeBytes(bytes);
        ClientEvent event;
        while (!closed && (event = session.decode(cumulation)) != null) {
            events.add(Transcript.render(event, dialect));
            if (event instanceof ClientEvent.Close) {
                closed = true;
            } else if (event instanceof ClientEvent.StartTls) {
                session.clientTlsStarted();
            }
        }
    }

    private static byte[] concat(List<byte[]> chunks) {
        int size = chunks.stream().mapToInt(c -> c.length).sum();
        byte[] all = new byte[size];
        int pos = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, pos, chunk.length);
            pos += chunk.length;
        }
        return all;
    }
}
