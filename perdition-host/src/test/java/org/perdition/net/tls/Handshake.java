package org.perdition.net.tls;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;

/**
 * One TLS handshake between a server-side and a client-side {@link TlsContexts}, over Netty's
 * in-VM Local transport (real SslHandlers and engines, no ports).
 */
final class Handshake {

    /** What the client saw (null failure = success) and the SNI names the server received. */
    record Outcome(Throwable clientFailure, List<String> serverNames, boolean clientCertSeen, String protocol,
            String cipherSuite) {
        boolean ok() {
            return clientFailure == null;
        }
    }

    private Handshake() {
    }

    static Outcome run(TlsContexts server, TlsContexts client, String host) throws Exception {
        return run(server, alloc -> client.newClientHandler(alloc, host, 993));
    }

    /** With any client-side handler (e.g. one presenting a client certificate). */
    static Outcome run(TlsContexts server, java.util.function.Function<io.netty.buffer.ByteBufAllocator, SslHandler> client)
            throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
        try {
            LocalAddress address = new LocalAddress("tls-" + UUID.randomUUID());
            AtomicReference<SslHandler> serverHandler = new AtomicReference<>();
            Channel listener = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            SslHandler handler = server.newServerHandler(ch.alloc(), false);
                            serverHandler.set(handler);
                            ch.pipeline().addLast(handler);
                        }
                    }).bind(address).sync().channel();
            AtomicReference<SslHandler> clientHandler = new AtomicReference<>();
            Channel channel = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            SslHandler handler = client.apply(ch.alloc());
                            clientHandler.set(handler);
                            ch.pipeline().addLast(handler);
                        }
                    }).connect(address).sync().channel();
            Future<Channel> clientDone = clientHandler.get().handshakeFuture();
            if (!clientDone.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("client handshake did not finish");
            }
            List<String> names = new ArrayList<>();
            boolean clientCert = false;
            if (clientDone.isSuccess()) {
                Future<Channel> serverDone = serverHandler.get().handshakeFuture();
                if (!serverDone.await(30, TimeUnit.SECONDS) || !serverDone.isSuccess()) {
                    throw new AssertionError("server handshake failed", serverDone.cause());
                }
                SSLSession session = serverHandler.get().engine().getSession();
                if (session instanceof ExtendedSSLSession extended) {
                    for (SNIServerName name : extended.getRequestedServerNames()) {
                        names.add(name instanceof SNIHostName h ? h.getAsciiName() : name.toString());
                    }
                }
                try {
                    clientCert = session.getPeerCertificates().length > 0;
                } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
                    clientCert = false;
                }
            }
            String protocol = null;
            String suite = null;
            if (clientDone.isSuccess()) {
                protocol = clientHandler.get().engine().getSession().getProtocol();
                suite = clientHandler.get().engine().getSession().getCipherSuite();
            }
            channel.close().sync();
            listener.close().sync();
            return new Outcome(clientDone.cause(), names, clientCert, protocol, suite);
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }
}
