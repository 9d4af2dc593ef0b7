package org.perdition.benchmark.soak;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;

/** Counts of operations done and of errors, by kind; the first example of each error kind is kept. */
final class Tally {

    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, String> firstError = new ConcurrentHashMap<>();

    void done(String kind) {
        operations.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void error(String kind, String example) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        firstError.putIfAbsent(kind, example);
    }

    /** Files an exception under a kind: SoakFailure's own, else by what failed at the socket. */
    void error(Throwable e) {
        String kind;
        if (e instanceof SoakFailure f) {
            kind = f.kind();
        } else if (e instanceof SSLException) {
            kind = "tls";
        } else if (e instanceof SocketTimeoutException) {
            kind = "timeout";
        } else if (e instanceof ConnectException) {
            kind = "connect";
        } else if (e instanceof EOFException) {
            kind = "closed-by-proxy";
        } else {
            kind = e.getClass().getSimpleName();
        }
        error(kind, String.valueOf(e));
    }

    Map<String, Long> operations() {
        return snapshot(operations);
    }

    Map<String, Long> errors() {
        return snapshot(errors);
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long operationCount() {
        return operations.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, String> firstErrors() {
        return new TreeMap<>(firstError);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
