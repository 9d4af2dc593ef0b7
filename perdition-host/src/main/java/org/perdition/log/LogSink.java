package org.perdition.log;

/** Where finished log lines go: a file, stdout, stderr (and syslog in a later issue). */
public interface LogSink extends AutoCloseable {

    void write(Level level, String line);

    /** Re-opens the destination (SIGHUP, log rotation). */
    default void reopen() {
    }

    @Override
    default void close() {
    }
}
