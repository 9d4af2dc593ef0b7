package org.perdition.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.bdb.BdbDatabase;
import org.perdition.plugin.bdb.BdbFormatException;
import org.perdition.plugin.bdb.BdbLookup;
import org.perdition.plugin.bdb.HashFileWriter;
import org.perdition.plugin.gdbm.GdbmFile;
import org.perdition.plugin.gdbm.GdbmFormatException;
import org.perdition.plugin.gdbm.GdbmLookup;
import org.perdition.plugin.gdbm.GdbmWriter;

/**
 * Popmap lookups on a 200,000-entry map (issue 4): lookups per second (Throughput) and the latency
 * distribution with its p99 (SampleTime). Each map kind is measured twice:
 * <ul>
 *   <li>{@code *Plugin}: through {@code PopmapLookup.lookup(LookupRequest)} on a file in a temp
 *       directory, exactly as the host calls it, so the per-lookup change detection (a stat of the
 *       file) and the String/UTF-8 conversions are included;</li>
 *   <li>{@code *Raw}: the in-memory file reader alone ({@code GdbmFile.fetch},
 *       {@code BdbDatabase.get}) on the same bytes;</li>
 * </ul>
 * and {@code hashMapBaseline} is a {@code HashMap<String,String>} lookup, the floor.
 * Every probe key exists; a result that is not found fails the run, so a broken map cannot
 * report a fast "miss" rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PopmapLookupBenchmark {

    /**
     * Who writes the map files: "plugin" (the plugins' own GdbmWriter / HashFileWriter, always
     * available) or "native" (perdition's makegdbm / makebdb on PATH, i.e. libgdbm and libdb after
     * 200,000 inserts: a different bucket fill than the one-shot writers).
     */
    @Param({"plugin"})
    public String writer;

    private Path directory;
    private String[] probes;
    private byte[][] probeBytes;
    private HashMap<String, String> hashMap;
    private GdbmFile gdbmFile;
    private BdbDatabase bdbDatabase;
    private GdbmLookup gdbmLookup;
    private BdbLookup bdbLookup;

    /** Per-thread position in the probe sequence. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        int advance() {
            int at = next;
            next = (at + 1) & (PopmapFixture.PROBES - 1);
            return at;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException, LookupException, GdbmFormatException, BdbFormatException {
        Map<String, String> entries = PopmapFixture.entries();
        probes = PopmapFixture.probeKeys(entries);
        probeBytes = PopmapFixture.utf8(probes);
        hashMap = new HashMap<>(entries);

        List<byte[][]> gdbmEntries = new ArrayList<>(entries.size());
        List<HashFileWriter.Entry> bdbEntries = new ArrayList<>(entries.size());
        entries.forEach((key, value) -> {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            gdbmEntries.add(new byte[][] {k, v});
            bdbEntries.add(new HashFileWriter.Entry(k, v));
        });
        directory = Files.createTempDirectory("perdition-bench-popmap");
        Path gdbmPath = directory.resolve("popmap.gdbm.db");
        Path bdbPath = directory.resolve("popmap.bdb.db");
        if (writer.equals("native")) {
            NativeMapTools.make(entries, directory, gdbmPath, bdbPath);
        } else if (writer.equals("plugin")) {
            Files.write(gdbmPath, GdbmWriter.write(gdbmEntries));
            Files.write(bdbPath, new HashFileWriter().write(bdbEntries));
        } else {
            throw new IllegalArgumentException("writer must be plugin or native, not " + writer);
        }
        byte[] gdbmBytes = Files.readAllBytes(gdbmPath);
        byte[] bdbBytes = Files.readAllBytes(bdbPath);
        gdbmFile = GdbmFile.of(gdbmBytes);
        bdbDatabase = BdbDatabase.open(bdbBytes);
        gdbmLookup = new GdbmLookup();
        gdbmLookup.init(context(gdbmPath));
        bdbLookup = new BdbLookup();
        bdbLookup.init(context(bdbPath));
        // the first lookup loads the file: do it outside the measurement, and check the maps agree
        for (int i = 0; i < 1000; i++) {
            String expected = entries.get(probes[i]);
            check(expected, gdbmLookup.lookup(LookupRequest.of(probes[i])), "gdbm plugin");
            check(expected, bdbLookup.lookup(LookupRequest.of(probes[i])), "bdb plugin");
        }
        System.out.printf("%n[popmap] %s writer, %d entries; gdbm file %d bytes (%s); bdb file %d bytes%n",
                writer, entries.size(), gdbmBytes.length, gdbmFile.describe(), bdbBytes.length);
    }

    private static PluginContext context(Path file) {
        return new PluginContext(Optional.of(file.toString()), "@", "IMAP4");
    }

    private static void check(String expected, LookupResult result, String what) {
        if (!(result instanceof LookupResult.Found found) || !found.value().equals(expected)) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + result);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        gdbmLookup.close();
        bdbLookup.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    public String hashMapBaseline(Cursor cursor) {
        return hashMap.get(probes[cursor.advance()]);
    }

    @Benchmark
    public LookupResult gdbmPlugin(Cursor cursor) throws LookupException {
        return found(gdbmLookup.lookup(LookupRequest.of(probes[cursor.advance()])));
    }

    @Benchmark
    public byte[] gdbmRaw(Cursor cursor) throws GdbmFormatException {
        return present(gdbmFile.fetch(probeBytes[cursor.advance()]));
    }

    @Benchmark
    public LookupResult bdbPlugin(Cursor cursor) throws LookupException {
        return found(bdbLookup.lookup(LookupRequest.of(probes[cursor.advance()])));
    }

    @Benchmark
    public byte[] bdbRaw(Cursor cursor) throws BdbFormatException {
        return present(bdbDatabase.get(probeBytes[cursor.advance()]));
    }

    private static LookupResult found(LookupResult result) {
        if (!(result instanceof LookupResult.Found)) {
            throw new IllegalStateException("an existing key was not found: " + result);
        }
        return result;
    }

    private static byte[] present(byte[] value) {
        if (value == null) {
            throw new IllegalStateException("an existing key was not found");
        }
        return value;
    }
}
