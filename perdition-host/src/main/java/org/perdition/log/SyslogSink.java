package org.perdition.log;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code -F FACILITY}: RFC 3164 lines to the local syslog socket, {@code /dev/log} (spec §6.4), as perdition's
 * {@code openlog(ident, LOG_PID|LOG_CONS, facility)} does. The socket path can be changed with the system
 * property {@value #SOCKET_PROPERTY} (tests listen on their own socket).
 *
 * <p>In the spirit of LOG_CONS (which writes to the console when syslog is unreachable), a line that cannot be
 * sent goes to stderr; lines dropped because the syslog daemon is not keeping up are counted and reported in
 * the next line that gets through, never waited for.
 */
public final class SyslogSink implements LogSink {

    public static final String SOCKET_PROPERTY = "perdition.syslog.socket";
    public static final String DEFAULT_SOCKET = "/dev/log";

    private final SyslogLine format;
    private final UnixDatagramSender sender;
    private final StreamSink console;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedTotal = new AtomicLong();

    private SyslogSink(SyslogLine format, UnixDatagramSender sender, StreamSink console) {
        this.format = format;
        this.sender = sender;
        this.console = console;
    }

    /** The socket this process logs to: the system property, else /dev/log. */
    public static String socketPath() {
        return System.getProperty(SOCKET_PROPERTY, DEFAULT_SOCKET);
    }

    /**
     * Connects to the syslog socket.
     *
     * @throws IOException when the socket cannot be opened (no epoll, no syslog daemon): the caller falls back
     */
    public static SyslogSink open(int facilityCode, String ident) throws IOException {
        return open(facilityCode, ident, socketPath());
    }

    static SyslogSink open(int facilityCode, String ident, String socket) throws IOException {
        UnixDatagramSender sender = UnixDatagramSender.connect(socket);
        long pid = ProcessHandle.current().pid();
        return new SyslogSink(new SyslogLine(facilityCode, ident, pid), sender, StreamSink.stderr(ident));
    }

    @Override
    public void write(Level level, String line) {
        long lost = dropped.get();
        if (lost > 0 && dropped.compareAndSet(lost, 0)) {
            // Say how many lines went missing before the next one that may get through.
            String note = "Dropped " + lost + " log lines: the syslog socket was full";
            if (send(Level.WARNING, note) != UnixDatagramSender.Outcome.QUEUED) {
                dropped.addAndGet(lost);
            }
        }
        send(level, line);
    }

    private UnixDatagramSender.Outcome send(Level level, String line) {
        UnixDatagramSender.Outcome outcome = sender.send(format.datagram(level, line));
        switch (outcome) {
            case DROPPED -> {
                dropped.incrementAndGet();
                droppedTotal.incrementAndGet();
            }
            case DISCONNECTED -> console.write(level, line);   // LOG_CONS
            default -> {
            }
        }
        return outcome;
    }

    /** Lines dropped because the socket was full, plus queued lines the socket refused, since start-up. */
    public long droppedLines() {
        return droppedTotal.get() + sender.failedWrites();
    }

    /** SIGHUP: connect afresh on the next line (the syslog daemon may have been restarted). */
    @Override
    public void reopen() {
        sender.reset();
    }

    @Override
    public void close() {
        long lost = droppedLines();
        if (lost > 0) {
            console.write(Level.WARNING, "Dropped " + lost + " log lines in all: the syslog socket was full or"
                    + " refused them");
        }
        sender.close();
    }
}
