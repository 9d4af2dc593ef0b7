package org.perdition.plugin.nis;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal ONC RPC v2 (RFC 5531) client over UDP with AUTH_NONE: one call, one reply.
 *
 * <p>UDP loses datagrams, so the call is retransmitted (same xid, as RFC 5531 §9 expects of
 * clients) {@code attempts} times within the total timeout; replies with another xid (late answers to
 * an earlier call) are ignored. The socket is connected, so a closed port is reported at once as
 * ICMP port unreachable instead of waiting out the timeout.
 */
final class OncRpcUdpClient {

    private static final int CALL = 0;
    private static final int REPLY = 1;
    private static final int RPC_VERSION = 2;
    private static final int AUTH_NONE = 0;
    private static final int MSG_ACCEPTED = 0;
    private static final int SUCCESS = 0;
    private static final int MAX_REPLY = 65536;

    private static final AtomicInteger NEXT_XID = new AtomicInteger(new SecureRandom().nextInt());

    private final long timeoutMillis;
    private final int attempts;

    OncRpcUdpClient(long timeoutMillis, int attempts) {
        if (timeoutMillis <= 0 || attempts <= 0) {
            throw new IllegalArgumentException("timeout and attempts must be positive");
        }
        this.timeoutMillis = timeoutMillis;
        this.attempts = attempts;
    }

    /**
     * Calls {@code program.version.procedure} at {@code server} with already XDR-encoded arguments.
     *
     * @return a reader positioned at the procedure's results
     * @throws IOException on timeout, an unreachable port, or an RPC-level rejection
     */
    Xdr.Reader call(InetSocketAddress server, int program, int version, int procedure, byte[] arguments)
            throws IOException {
        int xid = NEXT_XID.incrementAndGet();
        byte[] header = new Xdr.Writer().putInt(xid).putInt(CALL).putInt(RPC_VERSION)
                .putInt(program).putInt(version).putInt(procedure)
                .putInt(AUTH_NONE).putInt(0).putInt(AUTH_NONE).putInt(0).toByteArray();
        byte[] message = new byte[header.length + arguments.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(arguments, 0, message, header.length, arguments.length);

        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        long perAttempt = Math.max(1, timeoutMillis / attempts);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            byte[] buffer = new byte[MAX_REPLY];
            for (int attempt = 0; attempt < attempts; attempt++) {
                socket.send(new DatagramPacket(message, message.length));
                long attemptEnd = attempt == attempts - 1 ? deadline
                        : Math.min(deadline, System.nanoTime() + perAttempt * 1_000_000L);
                Xdr.Reader reply = awaitReply(socket, buffer, xid, attemptEnd, server);
                if (reply != null) {
                    return reply;
                }
            }
        } catch (PortUnreachableException e) {
            throw new IOException("no RPC server on " + server + " (port unreachable)", e);
        }
        throw new SocketTimeoutException("no reply from " + server + " within " + timeoutMillis + " ms ("
                + attempts + " attempts)");
    }

    private static Xdr.Reader awaitReply(DatagramSocket socket, byte[] buffer, int xid, long end,
            InetSocketAddress server) throws IOException {
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            Xdr.Reader reply = new Xdr.Reader(buffer, packet.getLength());
            try {
                if (reply.getInt() != xid || reply.getInt() != REPLY) {
                    continue; // a late reply to an earlier call
                }
                return acceptedResults(reply, server);
            } catch (Xdr.MalformedReplyException e) {
                throw new IOException("malformed RPC reply from " + server + ": " + e.getMessage(), e);
            }
        }
    }

    /** RFC 5531 §9 reply_body: only MSG_ACCEPTED + SUCCESS carries results. */
    private static Xdr.Reader acceptedResults(Xdr.Reader reply, InetSocketAddress server)
            throws IOException, Xdr.MalformedReplyException {
        int replyStat = reply.getInt();
        if (replyStat != MSG_ACCEPTED) {
            throw new IOException("RPC call to " + server + " denied (reply_stat " + replyStat + ")");
        }
        reply.getInt(); // verifier flavour
        reply.getOpaque(400); // verifier body
        int acceptStat = reply.getInt();
        if (acceptStat != SUCCESS) {
            throw new IOException("RPC call to " + server + " not accepted (accept_stat " + acceptStat
                    + ": " + acceptStatName(acceptStat) + ")");
        }
        return reply;
    }

    private static String acceptStatName(int stat) {
        return switch (stat) {
            case 1 -> "PROG_UNAVAIL";
            case 2 -> "PROG_MISMATCH";
            case 3 -> "PROC_UNAVAIL";
            case 4 -> "GARBAGE_ARGS";
            case 5 -> "SYSTEM_ERR";
            default -> "unknown";
        };
    }
}
