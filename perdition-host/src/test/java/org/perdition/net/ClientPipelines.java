package org.perdition.net;

import io.netty.channel.ChannelHandler;
import org.perdition.session.SessionServices;

/** The proxy's own per-client pipeline set-up, for tests that accept connections themselves. */
public final class ClientPipelines {

    private ClientPipelines() {
    }

    /** What {@link ProxyServer} installs on every accepted client channel. */
    public static ChannelHandler initializer(SessionServices services) {
        return new ProxyServer.ClientInitializer(services);
    }
}
