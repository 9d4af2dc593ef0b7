package org.perdition.plugin.gdbm;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code makegdbm DB < popmap}: our replacement for perdition's makegdbm (spec §5.1), and
 * {@code makegdbm -u DB}, which dumps {@code key:value} lines (without the stray NUL bytes
 * perdition's -u prints).
 *
 * <p>The database is written to a temporary file in the same directory, synced and renamed over
 * DB, so a reader sees the old map or the new one and a failed run leaves the old map in place.
 * Mode 0644 as perdition's makegdbm. Exit status: 0 done, 1 bad input or I/O error, 2 usage.
 * Run by dist/bin/makegdbm; plain Java, no pf4j.
 */
public final class MakeGdbm {

    private MakeGdbm() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** The tool without System.exit, for tests. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            if (args.length == 2 && args[0].equals("-u")) {
                return dump(Path.of(args[1]), out, err);
            }
            if (args.length != 1 || args[0].startsWith("-")) {
                err.println("Usage: makegdbm [-u] DB < popmap");
                return 2;
            }
            return make(Path.of(args[0]), in.readAllBytes(), err);
        } catch (IOException e) {
            err.println("makegdbm: " + e.getMessage());
            return 1;
        }
    }

    private static int make(Path db, byte[] input, PrintStream err) throws IOException {
        PopmapInput.Parsed parsed;
        try {
            parsed = PopmapInput.parse(input);
        } catch (PopmapInput.MalformedLineException e) {
            err.println("makegdbm: " + e.getMessage());
            return 1;
        }
        for (byte[] key : parsed.duplicates()) {
            // perdition's makegdbm spells it "dupicate"; keep its message for scripts that look for it
            err.println("makegdbm: dupicate key: " + new String(key, StandardCharsets.UTF_8));
        }
        byte[] image = GdbmWriter.write(parsed.entries());
        replace(db, image);
        return 0;
    }

    static void replace(Path db, byte[] image) throws IOException {
        Path absolute = db.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(image);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default mode
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static int dump(Path db, PrintStream out, PrintStream err) throws IOException {
        try {
            GdbmFile file = GdbmFile.of(Files.readAllBytes(db));
            file.forEach((key, value) -> {
                out.write(key, 0, key.length);
                out.write(':');
                out.write(value, 0, value.length);
                out.write('\n');
            });
            out.flush();
            return 0;
        } catch (GdbmFormatException e) {
            err.println("makegdbm: " + db + ": " + e.getMessage());
            return 1;
        }
    }
}
