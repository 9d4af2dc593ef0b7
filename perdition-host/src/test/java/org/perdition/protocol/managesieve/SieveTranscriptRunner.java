package org.perdition.protocol.managesieve;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.perdition.protocol.ClientEvent;
import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.SessionContext;

/**
 * Feeds a {@link SieveTranscript}'s client bytes to a fresh session the way the session core does
 * (a cumulation buffer, decoding until the session wants more, stopping at a Close), line by
 * line, all at once and byte by byte; every transcript must give the same events in each mode.
 */
final class SieveTranscriptRunner {

    static final String GREETING_SUFFIX = "localhost 0002bbb9";

    enum Mode { LINE_BY_LINE, PIPELINED, BYTE_BY_BYTE }

    record Outcome(List<String> events, int unreadBytes, boolean closed) {
    }

    private final FrontendSession session;
    private final ByteBuf cumulation = Unpooled.buffer();
    private final List<String> events = new ArrayList<>();
    private boolean closed;

    private SieveTranscriptRunner(FrontendSession session) {
        this.session = session;
    }

    static FrontendSession session(SieveTranscript transcript) {
        return new ManageSieveModule().newSession(
                new SessionContext(transcript.settings(), GREETING_SUFFIX, transcript.clientTls()));
    }

    static Outcome run(SieveTranscript transcript, Mode mode) {
        SieveTranscriptRunner runner = new SieveTranscriptRunner(session(transcript));
        try {
            List<byte[]> chunks = transcript.clientChunks();
            switch (mode) {
                case LINE_BY_LINE -> chunks.forEach(runner::receive);
                case PIPELINED -> runner.receive(concat(chunks));
                case BYTE_BY_BYTE -> {
                    for (byte b : concat(chunks)) {
                        runner.receive(new byte[] {b});
                    }
                }
            }
            return new Outcome(List.copyOf(runner.events), runner.cumulation.readableBytes(), runner.closed);
        } finally {
            runner.cumulation.release();
        }
    }

    static Stream<DynamicNode> assertingEach(String transcripts) {
        List<SieveTranscript> all = SieveTranscript.parseAll(transcripts);
        assertThat(all).isNotEmpty();
        List<DynamicNode> nodes = new ArrayList<>();
        for (SieveTranscript transcript : all) {
            assertThat(transcript.expected()).as(transcript.name()).isNotEmpty();
            List<DynamicNode> modes = new ArrayList<>();
            for (Mode mode : Mode.values()) {
                modes.add(DynamicTest.dynamicTest(mode.name(), () -> {
                    Outcome outcome = run(transcript, mode);
                    assertThat(outcome.events()).as(transcript.name() + " " + mode)
                            .containsExactlyElementsOf(transcript.expected());
                    if (!outcome.closed()) {
                        assertThat(outcome.unreadBytes()).as("unread bytes").isZero();
                    }
                }));
            }
            nodes.add(DynamicContainer.dynamicContainer(transcript.name(), modes));
        }
        return nodes.stream();
    }

    private void receive(byte[] bytes) {
        if (closed) {
            return;
        }
        cumulation.writeBytes(bytes);
        ClientEvent event;
        while (!closed && (event = session.decode(cumulation)) != null) {
            events.add(SieveTranscript.render(event));
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
