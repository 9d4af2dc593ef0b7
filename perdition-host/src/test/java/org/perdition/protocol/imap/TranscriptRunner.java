package org.perdition.protocol.imap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.perdition.protocol.ClientEvent;
import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.SessionContext;

/**
 * Feeds a {@link Transcript}'s client bytes to a fresh session the way the session core does:
 * into a cumulation buffer, decoding until the session wants more bytes, stopping at a Close.
 */
final class TranscriptRunner {

    static final String GREETING_SUFFIX = "localhost 0002bbb9";

    /** How the client's bytes arrive. */
    enum Mode { LINE_BY_LINE, PIPELINED, BYTE_BY_BYTE }

    /** What the session produced and what was left unread. */
    record Outcome(List<String> events, int unreadBytes, boolean closed) {
    }

    private final FrontendSession session;
    private final ByteBuf cumulation = Unpooled.buffer();
    private final List<String> events = new ArrayList<>();
    private boolean closed;

    private TranscriptRunner(FrontendSession session) {
        this.session = session;
    }

    static Outcome run(Transcript transcript, Mode mode) {
        SessionContext context = new SessionContext(transcript.settings(), GREETING_SUFFIX, transcript.clientTls());
        TranscriptRunner runner = new TranscriptRunner(new ImapModule().newSession(context));
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
            events.add(Transcript.render(event));
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
