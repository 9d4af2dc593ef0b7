package org.perdition.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes lines prefixed like perdition's file logging: {@code Mon dd HH:MM:SS ident[pid]: } (spec §6.4).
 * Used for {@code -F /path} (append), {@code -F -} (stdout) and {@code -F +} (stderr).
 */
public final class StreamSink implements LogSink {

    private final String ident;
    private final long pid = ProcessHandle.current().pid();
    private final Path file;
    private PrintStream out;

    private StreamSink(String ident, Path file, PrintStream out) {
        this.ident = ident;
        this.file = file;
        this.out = out;
    }

    public static StreamSink stdout(String ident) {
        return new StreamSink(ident, null, System.out);
    }

    public static StreamSink stderr(String ident) {
        return new StreamSink(ident, null, System.err);
    }

    public static StreamSink file(String ident, Path file) throws IOException {
        return new StreamSink(ident, file, open(file));
    }

    private static PrintStream open(Path file) throws IOException {
        OutputStream stream = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        return new PrintStream(stream, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(Level level, String line) {
        out.println(SecondStamp.now() + " " + ident + "[" + pid + "]: " + line);
    }

    public boolean isStderr() {
        return file == null && out == System.err;
    }

    @Override
    public synchronized void reopen() {
        if (file == null) {
            return;
        }
        try {
            PrintStream fresh = open(file);
            out.close();
            out = fresh;
        } catch (IOException e) {
            write(Level.ERR, "Could not reopen log file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            out.close();
        }
    }
}
