package org.perdition.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.FileRegion;
import io.netty.channel.MessageSizeEstimator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The message size estimator of client and back-end channels: Netty's default sizes, plus the
 * length of every chunk that epoll's {@code spliceTo} queues on a channel, reported to that
 * channel's relay handler. A spliced chunk never passes a pipeline, and Netty 4.2 has no other
 * hook: this is the one place where a splice relay learns how many bytes it moved (the
 * {@code received=} / {@code sent=} of the close line, spec §6.1). Netty calls it once per chunk,
 * on the event loop, when the chunk (already in the kernel pipe) is queued for writing.
 *
 * <p>The chunk's length and target are private fields of Netty's {@code SpliceOutTask}, read by a
 * VarHandle; if a Netty upgrade renames them, {@link #available()} is false and relays copy.
 * Must be set when a channel is created ({@link io.netty.channel.ChannelOption#MESSAGE_SIZE_ESTIMATOR}):
 * a pipeline keeps the handle of the estimator it first used.
 */
public final class SpliceAccounting implements MessageSizeEstimator, MessageSizeEstimator.Handle {

    /** Implemented by the handler named {@link PipelineNames#RELAY} of a channel that splice writes to. */
    public interface Sink {
        /** {@code bytes} were spliced from the peer into this channel's pipe, queued for writing. */
        void splicedIn(int bytes);
    }

    public static final SpliceAccounting INSTANCE = new SpliceAccounting();

    /** Netty's default for a message of unknown type ({@code DefaultMessageSizeEstimator.DEFAULT}). */
    private static final int UNKNOWN_SIZE = 8;
    private static final Class<?> SPLICE_OUT_TASK;
    private static final VarHandle LENGTH;
    private static final VarHandle TARGET;

    static {
        Class<?> task = null;
        VarHandle length = null;
        VarHandle target = null;
        try {
            Class<?> channel = Class.forName("io.netty.channel.epoll.AbstractEpollStreamChannel");
            task = Class.forName("io.netty.channel.epoll.AbstractEpollStreamChannel$SpliceOutTask");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(task, MethodHandles.lookup());
            length = lookup.findVarHandle(task, "len", int.class);
            target = lookup.findVarHandle(task, "ch", channel);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            task = null;
        }
        SPLICE_OUT_TASK = task;
        LENGTH = task == null ? null : length;
        TARGET = task == null ? null : target;
    }

    private SpliceAccounting() {
    }

    /** Whether spliced bytes can be counted (Netty epoll present, its splice task as expected). */
    public static boolean available() {
        return SPLICE_OUT_TASK != null;
    }

    /** Whether {@code channel} was created with this estimator, so its spliced bytes are counted. */
    public static boolean counts(Channel channel) {
        return channel.config().getMessageSizeEstimator() == INSTANCE;
    }

    @Override
    public Handle newHandle() {
        return this;
    }

    @Override
    public int size(Object msg) {
        if (msg instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        if (msg instanceof ByteBufHolder holder) {
            return holder.content().readableBytes();
        }
        if (msg instanceof FileRegion) {
            return 0;
        }
        if (msg.getClass() == SPLICE_OUT_TASK) {
            int bytes = (int) LENGTH.get(msg);
            Channel target = (Channel) TARGET.get(msg);
            if (target.pipeline().get(PipelineNames.RELAY) instanceof Sink sink) {
                sink.splicedIn(bytes);
            }
            return bytes;
        }
        return UNKNOWN_SIZE;
    }
}
