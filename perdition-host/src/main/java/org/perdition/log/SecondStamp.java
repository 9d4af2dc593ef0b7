package org.perdition.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The local time stamp of a log line, {@code Mmm dd hh:mm:ss} (day space-padded, spec §6.4,
 * RFC 3164 §4.1.2), formatted once per second rather than once per line: a login writes three
 * lines, and the zone lookup and formatter were a visible share of a login's CPU (issue 8).
 * Exact: the stamp has whole seconds, and zone offsets change on whole seconds. Thread-safe.
 */
final class SecondStamp {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    /** One formatted second, and the zone it was formatted in. */
    private record Cached(long second, ZoneId zone, String text) {
    }

    private static volatile Cached last = new Cached(Long.MIN_VALUE, null, "");

    private SecondStamp() {
    }

    /** The stamp for now, in the default time zone, as {@code LocalDateTime.now()} would give it. */
    static String now() {
        long millis = System.currentTimeMillis();
        long second = Math.floorDiv(millis, 1000);
        ZoneId zone = ZoneId.systemDefault();
        Cached cached = last;
        if (cached.second() != second || !zone.equals(cached.zone())) {
            cached = new Cached(second, zone, format(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone)));
            last = cached;
        }
        return cached.text();
    }

    static String format(LocalDateTime when) {
        return STAMP.format(when);
    }
}
