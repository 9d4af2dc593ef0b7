package org.perdition.abuse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.perdition.log.Level;
import org.perdition.log.LogSink;

/** A {@link LogSink} that keeps every finished line in memory, so tests assert on what was logged. */
public final class CapturedLog implements LogSink {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void write(Level level, String line) {
        lines.add(line);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public long count(Predicate<String> which) {
        return lines.stream().filter(which).count();
    }

    public long countContaining(String needle) {
        return count(l -> l.contains(needle));
    }

    /** Waits (bounded, 10 s) until {@code count} lines contain {@code needle}; true when they do. */
    public boolean await(String needle, long count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (countContaining(needle) < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(10_000_000L);
        }
        return true;
    }

    public boolean await(String needle) {
        return await(needle, 1);
    }

    /** Lines that look like a Java exception or a stack trace: hostile input must never produce one. */
    public List<String> exceptionLines() {
        return lines.stream()
                .filter(l -> l.matches("(?s).*(Exception|Error:\\s*java|\\tat |\\bat [a-z]+\\.[a-z]+\\.).*")
                        && !l.startsWith("Fatal Error: Timeout")
                        && !isPeerReset(l))
                .toList();
    }

    /** A client or back-end that resets its connection is an I/O event, not a bug in the proxy. */
    private static boolean isPeerReset(String line) {
        return line.matches("(?s).*(IOException|NativeIoException|SocketException|ClosedChannelException).*")
                && !line.contains("\tat ");
    }

    public String text() {
        return String.join("\n", lines);
    }
}
