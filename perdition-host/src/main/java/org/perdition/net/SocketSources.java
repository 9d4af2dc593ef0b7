package org.perdition.net;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.perdition.config.Settings;
import org.perdition.log.Log;
import org.perdition.os.InheritedFd;

/**
 * Picks the {@link SocketSource}:
 * <ol>
 * <li>{@code -i}: the connection on standard input (spec §7.6), found with
 *     {@code System.inheritedChannel()}. inetd's {@code nowait} and systemd's {@code Accept=yes} with
 *     {@code StandardInput=socket} (systemd-socket-activate --inetd) look the same.</li>
 * <li>systemd socket activation ({@code LISTEN_PID} = our pid, {@code LISTEN_FDS} = n: fds 3 to
 *     3+n-1, see sd_listen_fds(3)). Listening sockets ({@code Accept=no}) are served as a daemon
 *     would serve its own; one connected socket ({@code Accept=yes} without StandardInput=socket) is
 *     served like {@code -i}. {@code -b} and {@code -l} are then ignored: the unit's ListenStream
 *     says where we listen.</li>
 * <li>Otherwise bind {@code -b}/{@code -l} ourselves.</li>
 * </ol>
 */
public final class SocketSources {

    /** sd_listen_fds(3): the first passed descriptor. */
    static final int LISTEN_FDS_START = 3;

    private SocketSources() {
    }

    public static SocketSource choose(Settings settings) throws InheritedSocketException {
        if (settings.inetdMode) {
            return inetd();
        }
        List<Integer> fds = listenFds(System.getenv(), ProcessHandle.current().pid());
        if (fds.isEmpty()) {
            return new SocketSource.Bind(ListenAddresses.of(settings));
        }
        return systemd(fds, names(System.getenv("LISTEN_FDNAMES"), fds.size()));
    }

    private static SocketSource inetd() throws InheritedSocketException {
        Channel inherited;
        try {
            inherited = System.inheritedChannel();
        } catch (IOException | SecurityException e) {
            throw new InheritedSocketException("--inetd_mode: cannot use standard input: " + e.getMessage());
        }
        if (inherited instanceof SocketChannel socket && socket.isConnected()) {
            return new SocketSource.InheritedConnection(0, socket, true);
        }
        if (inherited instanceof ServerSocketChannel) {
            throw new InheritedSocketException("--inetd_mode: standard input is a listening socket"
                    + " (inetd \"wait\" or systemd Accept=no); -i needs one accepted connection");
        }
        throw new InheritedSocketException("--inetd_mode: standard input is not a connected stream socket"
                + " (run from inetd, or systemd with Accept=yes and StandardInput=socket)");
    }

    /**
     * The fds systemd passed to this process; none when LISTEN_PID names another process (the
     * variables were inherited by mistake, sd_listen_fds(3) ignores them too) or is missing.
     */
    static List<Integer> listenFds(Map<String, String> env, long ourPid) throws InheritedSocketException {
        String pid = env.get("LISTEN_PID");
        String count = env.get("LISTEN_FDS");
        if (pid == null || count == null) {
            return List.of();
        }
        if (!pid.trim().equals(Long.toString(ourPid))) {
            Log.debug("Ignoring LISTEN_FDS: LISTEN_PID=" + Log.sanitize(pid) + " is not this process (" + ourPid + ")");
            return List.of();
        }
        int n;
        try {
            n = Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            throw new InheritedSocketException("LISTEN_FDS=" + Log.sanitize(count) + " is not a number");
        }
        if (n < 0 || n > 1024) {
            throw new InheritedSocketException("LISTEN_FDS=" + n + " is out of range");
        }
        List<Integer> fds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fds.add(LISTEN_FDS_START + i);
        }
        return fds;
    }

    /** LISTEN_FDNAMES: colon-separated, one per fd; optional (systemd's FileDescriptorName=). */
    static List<String> names(String fdNames, int count) {
        List<String> names = new ArrayList<>();
        List<String> given = fdNames == null ? List.of() : Arrays.asList(fdNames.split(":", -1));
        for (int i = 0; i < count; i++) {
            names.add(i < given.size() && !given.get(i).isEmpty() ? given.get(i) : "unknown");
        }
        return names;
    }

    private static SocketSource systemd(List<Integer> fds, List<String> names) throws InheritedSocketException {
        int listening = 0;
        for (int fd : fds) {
            InheritedFd kind = InheritedFd.inspect(fd);
            if (!kind.tcp()) {
                throw new InheritedSocketException("systemd socket fd " + fd + " (" + Log.sanitize(names.get(fd - 3))
                        + ") is not a TCP socket: " + kind);
            }
            if (kind.listening()) {
                listening++;
            }
        }
        if (listening == fds.size()) {
            Log.info("Using " + fds.size() + " listening socket(s) from systemd: fds " + fds + " names " + names);
            return new SocketSource.InheritedListeners(fds, names);
        }
        if (fds.size() == 1) {
            Log.debug("Serving one connection from systemd (Accept=yes) on fd " + fds.get(0));
            return new SocketSource.InheritedConnection(fds.get(0), null, false);
        }
        throw new InheritedSocketException("systemd passed " + fds.size() + " sockets, not all listening:"
                + " use Accept=no, or Accept=yes with one socket");
    }

    /** The inherited sockets cannot be used; a start-up error. */
    public static final class InheritedSocketException extends Exception {
        public InheritedSocketException(String message) {
            super(message);
        }
    }
}
