package org.perdition.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.function.Function;
import org.perdition.log.Log;
import org.perdition.net.PipelineNames;
import org.perdition.protocol.BackendLogin;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.LineReader;

/**
 * Feeds a back-end's lines to a {@link BackendLogin} and carries out its steps, TLS included:
 * with ssl_outgoing the login starts only after the handshake (spec §3.3 step 12); on
 * {@link BackendStep.StartTls} the handler drops what the back-end sent after its go-ahead and
 * puts TLS at the front of the pipeline. Reports exactly once to its {@link Listener}: success
 * (with any bytes the back-end sent after its final reply) or failure. The back-end's read
 * timeout during login is {@code --authenticate_timeout} (spec §7.5).
 */
final class BackendLoginHandler extends ChannelInboundHandlerAdapter {

    /** Back-end lines before login are short; a longer one means we are not talking to a mail server. */
    private static final int MAX_BACKEND_LINE = 64 * 1024;

    interface Listener {
        void succeeded(String finalLine, ByteBuf leftover, Security security);

        void failed(FailureReason reason, String finalLine, Security security);
    }

    private final BackendLogin login;
    private final Listener listener;
    private final Function<ByteBufAllocator, SslHandler> tlsHandlers;
    private final boolean implicitTls;
    private final ByteBuf pending = Unpooled.buffer();
    private Security security = Security.PLAINTEXT;
    /** True while a TLS handshake runs: lines wait until it is done. */
    private boolean handshaking;
    private boolean done;

    /**
     * @param tlsHandlers makes the client-side TLS handler for this back-end (null: no TLS possible)
     * @param implicitTls true when the pipeline already starts with TLS (ssl_outgoing)
     */
    BackendLoginHandler(BackendLogin login, Listener listener, Function<ByteBufAllocator, SslHandler> tlsHandlers,
                        boolean implicitTls) {
        this.login = login;
        this.listener = listener;
        this.tlsHandlers = tlsHandlers;
        this.implicitTls = implicitTls;
        this.handshaking = implicitTls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (handshaking) {
            ctx.read();   // auto-read is off; the TLS handler reads on by itself until the handshake ends
            return;
        }
        begin(ctx);
    }

    private void begin(ChannelHandlerContext ctx) {
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
        if (!handshaking) {
            drain(ctx);
        }
    }

    /** Acts on every whole line buffered, then asks for more. */
    private void drain(ChannelHandlerContext ctx) {
        while (!done && !handshaking) {
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
            listener.succeeded(ok.finalLine(), leftover, security);
        } else if (step instanceof BackendStep.Failed failed) {
            fail(ctx, failed.reason(), failed.finalLine(), failed.quitCommand());
        } else if (step instanceof BackendStep.StartTls startTls) {
            startTls(ctx, startTls.text());
        }
    }

    /**
     * The back-end said go ahead. Anything it sent after that line came in clear and must not be
     * read as if it came over TLS (response injection, the server side of CVE-2011-0411).
     */
    private void startTls(ChannelHandlerContext ctx, String text) {
        if (tlsHandlers == null || security != Security.PLAINTEXT) {
            fail(ctx, FailureReason.NEGOTIATION, null, null);
            return;
        }
        if (!text.isEmpty()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(LineReader.bytes(text)));
        }
        if (pending.isReadable()) {
            Log.info("Discarding " + pending.readableBytes()
                    + " bytes the back-end sent in clear after its STARTTLS go-ahead");
            pending.skipBytes(pending.readableBytes());
        }
        handshaking = true;
        ctx.pipeline().addFirst(PipelineNames.TLS, tlsHandlers.apply(ctx.alloc()));
        ctx.read();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            tlsHandshakeDone(ctx, handshake);
        } else if (evt instanceof IdleStateEvent) {
            Log.info("Timeout reading from the back-end during login");
            fail(ctx, FailureReason.NEGOTIATION, null, null);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    private void tlsHandshakeDone(ChannelHandlerContext ctx, SslHandshakeCompletionEvent handshake) {
        if (done) {
            return;
        }
        if (!handshake.isSuccess()) {
            // perdition dropped the client without a word here (bug B20); we log why and reply.
            Log.err("TLS handshake with the back-end failed: " + reason(handshake.cause()));
            fail(ctx, FailureReason.NEGOTIATION, null, null);
            return;
        }
        handshaking = false;
        if (implicitTls && security == Security.PLAINTEXT) {
            security = Security.SSL;
            begin(ctx);
            return;
        }
        security = Security.STARTTLS;
        act(ctx, login.onTlsStarted());
        drain(ctx);
    }

    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
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
        // A failure before outgoing TLS completes shows plaintext (spec §6.1).
        listener.failed(reason, finalLine, security);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, FailureReason.NEGOTIATION, null, null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (done) {
            return; // already reported (a TLS failure logs its reason once, as an ERR line)
        }
        Log.info("Back-end error during login: " + reason(cause));
        fail(ctx, FailureReason.NEGOTIATION, null, null);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        pending.release();
    }
}
