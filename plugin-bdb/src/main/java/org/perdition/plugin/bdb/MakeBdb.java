package org.perdition.plugin.bdb;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code makebdb DB < popmap}: our replacement for perdition's makebdb (spec §5.2). Writes a
 * DB_HASH file that libdb 5.3 (db_dump, db_verify, Debian's perdition) reads.
 *
 * <p>Differences from perdition's tool, on purpose: a malformed line stops the run with exit
 * status 1 and leaves the old database untouched (perdition's skips the line and exits 0);
 * lines have no 4095-byte limit. The file is written to a temporary file in the same directory,
 * forced to disk and renamed over DB, so readers never see a half-written database.
 * {@code makebdb -u DB} dumps {@code key:value} lines, as perdition's {@code -u} does.
 * No pf4j here: this class runs from the plugin jar with plain {@code java -cp}.
 */
public final class MakeBdb {

    private MakeBdb() {
    }

    public static void main(String[] args) {
        byte[] stdin = args.length == 1 && !args[0].startsWith("-") ? readStdin() : new byte[0];
        System.exit(run(args, stdin, System.out, System.err));
    }

    private static byte[] readStdin() {
        try {
            return System.in.readAllBytes();
        } catch (IOException e) {
            System.err.println("makebdb: cannot read standard input: " + e);
            System.exit(1);
            return null;
        }
    }

    /** The work of {@link #main}, testable: returns the exit status. */
    public static int run(String[] args, byte[] stdin, OutputStream out, PrintStream err) {
        try {
            if (args.length == 2 && args[0].equals("-u")) {
                return dump(Path.of(args[1]), out, err);
            }
            if (args.length != 1 || args[0].startsWith("-")) {
                err.println("usage: makebdb DB < popmap   |   makebdb -u DB");
                return 2;
            }
            return make(Path.of(args[0]), stdin, err);
        } catch (IOException e) {
            err.println("makebdb: " + e);
            return 1;
        }
    }

    private static int make(Path database, byte[] input, PrintStream err) throws IOException {
        List<HashFileWriter.Entry> entries;
        try {
            entries = PopmapInput.parse(input, key -> err.println("makebdb: duplicate key, first kept: "
                    + new String(key, StandardCharsets.UTF_8)));
        } catch (PopmapInput.MalformedLineException e) {
            err.println("makebdb: " + e.getMessage() + "; " + database + " not changed");
            return 1;
        }
        writeAtomically(database, new HashFileWriter().write(entries));
        return 0;
    }

    static void writeAtomically(Path database, byte[] bytes) throws IOException {
        Path absolute = database.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                // makebdb creates the file 0644; createTempFile made it 0600
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // keep the default permissions
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static int dump(Path database, OutputStream out, PrintStream err) throws IOException {
        BdbDatabase db;
        try {
            db = BdbDatabase.open(Files.readAllBytes(database));
            IOException[] failure = new IOException[1];
            db.forEach((key, value) -> {
                try {
                    out.write(key);
                    out.write(':');
                    out.write(value);
                    out.write('\n');
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            out.flush();
            return 0;
        } catch (BdbFormatException e) {
            err.println("makebdb: " + database + ": " + e.getMessage());
            return 1;
        }
    }
}
