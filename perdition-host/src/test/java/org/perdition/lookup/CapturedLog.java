package org.perdition.lookup;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.perdition.log.Level;
import org.perdition.log.Log;
import org.perdition.log.LogSink;
import org.perdition.log.StreamSink;

/** Collects the process log while a test runs; {@link #close()} puts stderr back. */
final class CapturedLog implements LogSink {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    static CapturedLog start() {
        CapturedLog log = new CapturedLog();
        Log.configure(log, Level.DEBUG);
        return log;
    }

    @Override
    public void write(Level level, String line) {
        lines.add(level + " " + line);
    }

    List<String> lines() {
        return lines;
    }

    void stop() {
        Log.configure(StreamSink.stderr("perdition"), Level.INFO);
    }
}
