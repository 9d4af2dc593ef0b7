package org.perdition.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.perdition.log.Log;
import org.perdition.protocol.BackendLogin;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.LineReader;

/**
 * Feeds a back-end's lines to a {@link BackendLogin} and carries out its steps. Reports exactly
 * once to its {@link Listener}: success (with any bytes the back-end sent after its final reply)
 * or failure. The back-end's read timeout during login is {@code --authenticate_timeout} (spec §7.5).
 */
final class BackendLoginHandler extends ChannelInboundHandlerAdapter {

    /** Back-end lines before login are short; a longer one means we are not talking to a mail server. */
    private static final int MAX_BACKEND_LINE = 64 * 1024;

    interface Listener {
        void succeeded(String finalLine, ByteBuf leftover);

        void failed(FailureReason reason, String finalLine);
    }

    private final BackendLogin login;
    private final Listener listener;
    private final ByteBuf pending = Unpooled.buffer();
    private boolean done;

    BackendLoginHandler(BackendLogin login, Listener listener) {
        this.login = login;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String first = login.onConnect();
        if (first != null) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(LineReader.bytes(first)));
        }
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (!done) {
                pending.writeBytes(in);
            }
        } finally {
            in.release();
        }
        while (!done) {
            LineReader.Result result = LineReader.read(pending, MAX_BACKEND_LINE);
            if (result instanceof LineReader.Line line) {
                act(ctx, login.onLine(line.text()));
            } else if (result instanceof LineReader.TooLong) {
                fail(ctx, FailureReason.NEGOTIATION, null, null);
            } else {
                ctx.read();
                return;
            }
        }
    }

    private void act(ChannelHandlerContext ctx, BackendStep step) {
        if (step instanceof BackendStep.Send send) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(LineReader.bytes(send.text())));
        } else if (step instanceof BackendStep.Succeeded ok) {
            done = true;
            ByteBuf leftover = pending.readableBytes() > 0 ? pending.retainedSlice() : Unpooled.EMPTY_BUFFER;
            listener.succeeded(ok.finalLine(), leftover);
        } else if (step instanceof BackendStep.Failed failed) {
            fail(ctx, failed.reason(), failed.finalLine(), failed.quitCommand());
        } else if (step instanceof BackendStep.StartTls) {
            // Back-end STARTTLS arrives with the TLS issue; until then no protocol module asks for it.
            fail(ctx, FailureReason.TLS_NOT_PRESENT, null, null);
        }
    }

    private void fail(ChannelHandlerContext ctx, FailureReason reason, String finalLine, String quitCommand) {
        if (done) {
            return;
        }
        done = true;
        if (quitCommand != null && ctx.channel().isActive()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(LineReader.bytes(quitCommand)))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
        listener.failed(reason, finalLine);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            Log.info("Timeout reading from the back-end during login");
            fail(ctx, FailureReason.NEGOTIATION, null, null);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, FailureReason.NEGOTIATION, null, null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Log.info("Back-end error during login: " + cause.getMessage());
        fail(ctx, FailureReason.NEGOTIATION, null, null);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        pending.release();
    }
}
