package org.perdition.net;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where the daemon's sockets come from (spec §7.1, §7.6; systemd's sd_listen_fds(3) protocol).
 * Chosen by {@link SocketSources#choose}.
 */
public sealed interface SocketSource {

    /** Bind these addresses ourselves: the normal daemon. */
    record Bind(List<InetSocketAddress> addresses) implements SocketSource {
    }

    /**
     * Listening sockets already bound by systemd ({@code Accept=no}; {@code LISTEN_FDS}, fds 3...):
     * serve them as a daemon, bind nothing of our own.
     */
    record InheritedListeners(List<Integer> fds, List<String> names) implements SocketSource {
    }

    /**
     * One connected client socket: {@code -i} (inetd, fd 0) or systemd {@code Accept=yes} (fd 3).
     * Serve it and exit when it ends.
     *
     * @param jdkChannel the JDK's view of fd 0 ({@code System.inheritedChannel()}) for the NIO
     *                   transport; null for fd 3, which the JDK cannot wrap
     * @param inetd      true for {@code -i}: the Connect line carries {@code inetd_pid=}
     */
    record InheritedConnection(int fd, java.nio.channels.SocketChannel jdkChannel, boolean inetd)
            implements SocketSource {
    }
}
