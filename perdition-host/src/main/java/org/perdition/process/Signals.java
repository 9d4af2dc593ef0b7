package org.perdition.process;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * perdition's signal handling (spec §7.4), as far as a JVM allows:
 * <ul>
 *   <li>HUP: the given reload action (reopen the log, re-initialise the map library);</li>
 *   <li>TERM, INT: stop (see {@link GracefulStop}); a second one cuts the grace period short;</li>
 *   <li>USR1, USR2: ignored, as perdition does (the JVM's default would kill the process).</li>
 * </ul>
 * QUIT stays the JVM's thread dump (the JVM refuses to give it up); the fault signals perdition catches
 * (SEGV, BUS, FPE...) are the JVM's own.
 */
public final class Signals {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch hurry = new CountDownLatch(1);
    private volatile int stopSignal;

    private Signals() {
    }

    /** Installs the handlers; {@code onHup} runs on the JVM's signal thread. */
    public static Signals install(Runnable onHup) {
        Signals signals = new Signals();
        Signal.handle(new Signal("HUP"), s -> onHup.run());
        Signal.handle(new Signal("TERM"), signals::stopRequested);
        Signal.handle(new Signal("INT"), signals::stopRequested);
        Signal.handle(new Signal("USR1"), SignalHandler.SIG_IGN);
        Signal.handle(new Signal("USR2"), SignalHandler.SIG_IGN);
        return signals;
    }

    private void stopRequested(Signal signal) {
        if (stop.getCount() == 0) {
            hurry.countDown();
            return;
        }
        stopSignal = signal.getNumber();
        stop.countDown();
    }

    /** Ends {@link #awaitStop} with 0: the one inherited connection (-i) is over, no signal came. */
    public void stopWithoutSignal() {
        stop.countDown();
    }

    /** Blocks until TERM or INT arrives, or {@link #stopWithoutSignal}; returns the signal's number (15, 2), or 0. */
    public int awaitStop() {
        while (true) {
            try {
                stop.await();
                return stopSignal;
            } catch (InterruptedException e) {
                // keep serving until a stop signal arrives
            }
        }
    }

    /** Waits up to {@code millis} for a second stop signal; true if one came. */
    boolean awaitHurry(long millis) {
        try {
            return hurry.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
