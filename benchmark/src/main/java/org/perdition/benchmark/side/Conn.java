package org.perdition.benchmark.side;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection of the load generator: send a command, get a future that completes when
 * its {@link Expect} is satisfied. Everything runs on the channel's event loop, so thousands of
 * sessions cost the generator a few threads, not a thread each.
 */
final class Conn extends ChannelInboundHandlerAdapter {

    private Channel channel;
    private Expect expect;
    private CompletableFuture<Conn> waiting;
    private volatile long bytesRead;
    private final CompletableFuture<Conn> greeted = new CompletableFuture<>();

    /** A connection that first waits for the greeting. */
    Conn(Expect greeting) {
        this.expect = greeting;
        this.waiting = greeted;
    }

    /** Completes with this connection once the greeting has arrived (it may have already). */
    CompletableFuture<Conn> greeted() {
        return greeted;
    }

    void failGreeting(Throwable cause) {
        greeted.completeExceptionally(cause);
    }

    /** Sends {@code line} + CRLF and completes when {@code reply} is satisfied. */
    CompletableFuture<Conn> send(String line, Expect reply) {
        CompletableFuture<Conn> result = new CompletableFuture<>();
        ByteBuf bytes = Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.ISO_8859_1);
        Runnable write = () -> {
            if (waiting != null) {
                result.completeExceptionally(new IllegalStateException("a command is already pending"));
                bytes.release();
                return;
            }
            expect = reply;
            waiting = result;
            channel.writeAndFlush(bytes);
        };
        if (channel.eventLoop().inEventLoop()) {
            write.run();
        } else {
            channel.eventLoop().execute(write);
        }
        return result;
    }

    /** Bytes received so far on this connection (TLS: after decryption). */
    long bytesRead() {
        return bytesRead;
    }

    CompletableFuture<Void> close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        if (channel == null) {
            closed.complete(null);
        } else {
            channel.close().addListener(f -> closed.complete(null));
        }
        return closed;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            bytesRead += in.readableBytes();
            while (in.isReadable()) {
                if (expect == null) {
                    fail(new IOException("unexpected bytes from the server"));
                    return;
                }
                if (expect.consume(in)) {
                    CompletableFuture<Conn> done = waiting;
                    expect = null;
                    waiting = null;
                    done.complete(this);   // may send the next command at once, setting a new expect
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            in.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new IOException("connection closed by the server"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
        ctx.close();
    }

    private void fail(Throwable cause) {
        CompletableFuture<Conn> pending = waiting;
        expect = null;
        waiting = null;
        if (pending != null) {
            pending.completeExceptionally(cause);
        }
        if (channel != null && channel.isOpen()) {
            channel.close();
        }
    }
}
