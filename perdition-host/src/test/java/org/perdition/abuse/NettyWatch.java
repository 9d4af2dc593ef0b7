package org.perdition.abuse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.logging.InternalLogger;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Netty's leak detector at PARANOID, with its reports captured (issue 9, "Resources").
 *
 * <p>Netty logs through {@code InternalLoggerFactory}; slf4j-nop is on our class path, which Netty
 * refuses (it checks for the NOP binding) and so falls back to java.util.logging. A leak report is an
 * ERROR record from the logger named after {@link ResourceLeakDetector}, and it is only produced while
 * that logger is enabled, so this class hangs a handler on the JUL logger "io.netty" and checks, by
 * reflection, that the detector's logger really is a JUL one: were it not, leaks would go unreported
 * and {@link #assertNoLeaks()} would pass for nothing, so {@link #install()} fails instead.
 *
 * <p>The level is switched at run time ({@link ResourceLeakDetector#setLevel}), which every detector
 * reads on each allocation, so it holds even when Netty was loaded by an earlier test class in the
 * same JVM; {@link #uninstall()} puts the previous level back so other suites keep their speed.
 */
public final class NettyWatch {

    private static final Logger NETTY = Logger.getLogger("io.netty");
    private static final List<String> RECORDS = new CopyOnWriteArrayList<>();
    private static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                String thrown = record.getThrown() != null ? " " + record.getThrown() : "";
                RECORDS.add(record.getLoggerName() + ": " + record.getMessage() + thrown);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static ResourceLeakDetector.Level previous;

    private NettyWatch() {
    }

    public static synchronized void install() {
        if (previous == null) {
            previous = ResourceLeakDetector.getLevel();
        }
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        NETTY.removeHandler(HANDLER);
        NETTY.addHandler(HANDLER);
        // Leaks of earlier suites in this JVM are theirs: flush what the detector already holds.
        collectLeakReports();
        RECORDS.clear();
        String loggerClass = detectorLogger().getClass().getName();
        if (!loggerClass.equals("io.netty.util.internal.logging.JdkLogger")) {
            throw new IllegalStateException("Netty's leak detector logs through " + loggerClass
                    + ", not java.util.logging: leak reports could not be captured");
        }
    }

    public static synchronized void uninstall() {
        NETTY.removeHandler(HANDLER);
        if (previous != null) {
            ResourceLeakDetector.setLevel(previous);
            previous = null;
        }
    }

    private static InternalLogger detectorLogger() {
        try {
            Field field = ResourceLeakDetector.class.getDeclaredField("logger");
            field.setAccessible(true);
            return (InternalLogger) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot inspect ResourceLeakDetector's logger", e);
        }
    }

    /**
     * Collects garbage, then allocates through every allocator the proxy may use: a detector
     * reports the leaks it found (buffers collected while unreleased) on the next allocation it tracks.
     */
    public static List<String> collectLeakReports() {
        for (int round = 0; round < 4; round++) {
            System.gc();
            System.runFinalization();
            for (ByteBufAllocator allocator : List.of(ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT,
                    UnpooledByteBufAllocator.DEFAULT)) {
                for (int i = 0; i < 8; i++) {
                    ByteBuf heap = allocator.heapBuffer(16);
                    ByteBuf direct = allocator.directBuffer(16);
                    heap.release();
                    direct.release();
                }
            }
        }
        return RECORDS.stream().filter(r -> r.contains("LEAK")).toList();
    }

    /** Every WARNING or worse that Netty logged since {@link #install()}, leak reports included. */
    public static List<String> warnings() {
        return List.copyOf(RECORDS);
    }

    public static void clear() {
        RECORDS.clear();
    }
}
