package org.perdition.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.perdition.log.Log;

/** Ends a relayed session that was idle both ways for {@code -t} seconds (perdition: silent close). */
public final class IdleRelayTimeout extends IdleStateHandler {

    private final Channel backend;

    public IdleRelayTimeout(int seconds, Channel backend) {
        super(0, 0, seconds, TimeUnit.SECONDS);
        this.backend = backend;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        Log.info("Timeout piping data.");
        backend.close();
        ctx.close();
    }
}
