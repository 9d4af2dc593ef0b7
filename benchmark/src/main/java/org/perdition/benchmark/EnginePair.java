package org.perdition.benchmark;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import io.netty.util.ReferenceCountUtil;

/**
 * A client and a server {@link SSLEngine} wired back to back through two in-memory buffers: no
 * sockets, no event loop, no scheduling noise, so what is measured is the TLS engine itself
 * (key exchange, signatures, record encryption) on one thread.
 *
 * <p>Buffer convention: {@code toServer} and {@code toClient} are always left in write mode
 * (position = end of pending bytes); a reader flips, unwraps and compacts.
 */
final class EnginePair implements AutoCloseable {

    private static final int MAX_ROUNDS = 100;

    private final SSLEngine client;
    private final SSLEngine server;
    private final ByteBuffer toServer;
    private final ByteBuffer toClient;
    private final ByteBuffer clientApp;
    private final ByteBuffer serverApp;
    private final ByteBuffer empty = ByteBuffer.allocate(0);

    EnginePair(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int app = Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize());
        // direct buffers: what Netty hands the OpenSSL engine; the JDK engine is indifferent
        toServer = ByteBuffer.allocateDirect(packet * 4);
        toClient = ByteBuffer.allocateDirect(packet * 4);
        clientApp = ByteBuffer.allocateDirect(app * 2);
        serverApp = ByteBuffer.allocateDirect(app * 2);
    }

    SSLEngine client() {
        return client;
    }

    /**
     * Runs a full handshake to the end, including TLS 1.3's post-handshake NewSessionTicket
     * messages, so both sides are idle afterwards.
     */
    void handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean progress = step(client, toServer, toClient, clientApp);
            progress |= step(server, toClient, toServer, serverApp);
            if (!progress && idle(client) && idle(server) && toServer.position() == 0 && toClient.position() == 0) {
                return;
            }
        }
        throw new SSLException("handshake did not finish: client " + client.getHandshakeStatus()
                + ", server " + server.getHandshakeStatus());
    }

    private static boolean idle(SSLEngine engine) {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    /** Lets one engine do all it can now: run tasks, write its flight, read what the peer sent. */
    private boolean step(SSLEngine engine, ByteBuffer in, ByteBuffer out, ByteBuffer app) throws SSLException {
        boolean progress = false;
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                progress = true;
            } else if (status == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult result = engine.wrap(empty, out);
                if (result.bytesProduced() == 0 && result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    throw new SSLException("wrap made no progress: " + result);
                }
                progress = true;
            } else if (in.position() > 0) {
                // NEED_UNWRAP, or done but the peer still sent something (session tickets)
                in.flip();
                SSLEngineResult result = engine.unwrap(in, app);
                in.compact();
                app.clear();   // handshake only: no application data is expected
                if (result.bytesConsumed() == 0 && result.getHandshakeStatus() != HandshakeStatus.NEED_TASK
                        && result.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                    return progress;   // a partial record: wait for the peer
                }
                progress = true;
            } else {
                // Netty's OpenSSL engine may report NOT_HANDSHAKING (or NEED_UNWRAP) while its last
                // flight (Finished) still sits in the BIO: an empty wrap flushes it.
                SSLEngineResult result = engine.wrap(empty, out);
                if (result.bytesProduced() == 0) {
                    return progress;
                }
                progress = true;
            }
        }
    }

    /**
     * Sends {@code payload} (its remaining bytes) from client to server: wrap one record, unwrap it,
     * until all is through. Returns the plaintext bytes the server received.
     */
    long transfer(ByteBuffer payload) throws SSLException {
        long received = 0;
        while (payload.hasRemaining()) {
            SSLEngineResult wrapped = client.wrap(payload, toServer);
            if (wrapped.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("wrap: " + wrapped);
            }
            toServer.flip();
            while (toServer.hasRemaining()) {
                SSLEngineResult unwrapped = server.unwrap(toServer, serverApp);
                if (unwrapped.getStatus() != SSLEngineResult.Status.OK) {
                    throw new SSLException("unwrap: " + unwrapped);
                }
                received += unwrapped.bytesProduced();
                serverApp.clear();
            }
            toServer.clear();
        }
        return received;
    }

    /** Frees the OpenSSL engines' native state now rather than at garbage collection. */
    @Override
    public void close() {
        client.closeOutbound();
        server.closeOutbound();
        ReferenceCountUtil.release(client);
        ReferenceCountUtil.release(server);
    }
}
