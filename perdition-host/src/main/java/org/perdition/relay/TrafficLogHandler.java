package org.perdition.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import org.perdition.log.Log;

/**
 * {@code -C} with {@code -d}: logs what one side sends after login, as perdition's
 * {@code CLIENT: "..."} / {@code REAL: "..."} DEBUG lines (spec §6.3). Only installed after login,
 * so credentials are never dumped (perdition's -C logged passwords in clear).
 */
public final class TrafficLogHandler extends ChannelInboundHandlerAdapter {

    private final String label;

    public TrafficLogHandler(String label) {
        this.label = label;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            Log.debug(label + ": \"" + Log.sanitize(buf.toString(StandardCharsets.ISO_8859_1)) + "\"");
        }
        ctx.fireChannelRead(msg);
    }
}
