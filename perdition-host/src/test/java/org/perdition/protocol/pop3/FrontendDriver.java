package org.perdition.protocol.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.perdition.protocol.ClientEvent;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.FrontendSession;

/**
 * Drives a {@link FrontendSession} the way the session core does, and writes down what the client
 * would see as {@code S:} lines: Reply and DelayedReply are recorded, Login is recorded and
 * answered with {@code loginFailed} (so the dialogue goes on), StartTls is recorded and followed
 * by {@code clientTlsStarted}, Close is recorded and ends the run.
 *
 * <p>The same client bytes can be fed three ways ({@link Feeding}); a protocol module must give the
 * same events whichever way its input is cut.
 */
final class FrontendDriver {

    /** How the client's bytes reach {@code decode}. */
    enum Feeding {
        /** One buffer per client line. */
        LINE_BY_LINE,
        /** Every line in one buffer: the client pipelined everything. */
        PIPELINED,
        /** One byte at a time into a cumulation buffer, decode after each byte. */
        BYTE_BY_BYTE
    }

    /** The failure the driver reports for every login, so that the client may go on. */
    static final FailureReason LOGIN_FAILURE = FailureReason.REAUTHENTICATION;

    private final FrontendSession session;
    private final List<String> transcript = new ArrayList<>();
    private boolean closed;

    private FrontendDriver(FrontendSession session) {
        this.session = session;
    }

    /** Feeds {@code clientLines} (terminators included) and returns the recorded events. */
    static List<String> run(FrontendSession session, List<String> clientLines, Feeding feeding) {
        FrontendDriver driver = new FrontendDriver(session);
        switch (feeding) {
            case LINE_BY_LINE -> driver.lineByLine(clientLines);
            case PIPELINED -> driver.pipelined(String.join("", clientLines));
            case BYTE_BY_BYTE -> driver.byteByByte(String.join("", clientLines));
            default -> throw new IllegalArgumentException(feeding.name());
        }
        return driver.transcript;
    }

    private void lineByLine(List<String> clientLines) {
        for (String line : clientLines) {
            if (closed) {
                return;
            }
            ByteBuf in = Unpooled.copiedBuffer(Pop3Transcript.bytes(line));
            try {
                int events = decodeAll(in);
                if (!closed) {
                    assertThat(events).as("events for one whole line %s", Pop3Transcript.show(line)).isEqualTo(1);
                    assertThat(in.readableBytes()).as("bytes left after %s", Pop3Transcript.show(line)).isZero();
                }
            } finally {
                in.release();
            }
        }
    }

    private void pipelined(String allLines) {
        ByteBuf in = Unpooled.copiedBuffer(Pop3Transcript.bytes(allLines));
        try {
            decodeAll(in);
            if (!closed) {
                assertThat(in.readableBytes()).as("bytes left after the whole script").isZero();
            }
        } finally {
            in.release();
        }
    }

    private void byteByByte(String allLines) {
        byte[] bytes = Pop3Transcript.bytes(allLines);
        ByteBuf cumulation = Unpooled.buffer();
        try {
            for (int i = 0; i < bytes.length && !closed; i++) {
                cumulation.writeByte(bytes[i]);
                decodeAll(cumulation);
                cumulation.discardReadBytes();
            }
            if (!closed) {
                assertThat(cumulation.readableBytes()).as("bytes left after the last byte").isZero();
            }
        } finally {
            cumulation.release();
        }
    }

    /** Calls decode until it wants more bytes or the connection is closed; returns the event count. */
    private int decodeAll(ByteBuf in) {
        int events = 0;
        while (!closed) {
            int before = in.readerIndex();
            ClientEvent event = session.decode(in);
            if (event == null) {
                assertThat(in.readerIndex()).as("decode consumed bytes but returned no event").isEqualTo(before);
                return events;
            }
            events++;
            act(event);
        }
        return events;
    }

    private void act(ClientEvent event) {
        if (event instanceof ClientEvent.Reply reply) {
            transcript.add(Pop3Transcript.asReply(reply.text()));
        } else if (event instanceof ClientEvent.DelayedReply delayed) {
            transcript.add(Pop3Transcript.asDelayed(delayed.text()));
        } else if (event instanceof ClientEvent.StartTls tls) {
            transcript.add(Pop3Transcript.asStartTls(tls.text()));
            session.clientTlsStarted();
        } else if (event instanceof ClientEvent.Close close) {
            transcript.add(Pop3Transcript.asClose(close.text()));
            closed = true;
        } else if (event instanceof ClientEvent.Login login) {
            transcript.add(Pop3Transcript.asLogin(login.credentials()));
            transcript.add(Pop3Transcript.asFailed(session.loginFailed(login.credentials(), LOGIN_FAILURE)));
        } else {
            throw new AssertionError("unknown event " + event);
        }
    }
}
