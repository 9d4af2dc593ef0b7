package org.perdition.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** The six loopback listeners of a {@link DovecotServer}: plain (STARTTLS-capable) and implicit TLS. */
public record DovecotPorts(int imap, int imaps, int pop3, int pop3s, int sieve, int sieves) {

    /**
     * Six distinct free ports. The sockets stay open until all six are chosen so no port is
     * picked twice; they close right before Dovecot binds them, the race window is tiny.
     */
    public static DovecotPorts pickFree() {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return new DovecotPorts(port(sockets, 0), port(sockets, 1), port(sockets, 2),
                    port(sockets, 3), port(sockets, 4), port(sockets, 5));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free loopback ports", e);
        } finally {
            sockets.forEach(DovecotPorts::closeQuietly);
        }
    }

    private static int port(List<ServerSocket> sockets, int index) {
        return sockets.get(index).getLocalPort();
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was accepted on it; a failed close cannot matter
        }
    }
}
