package org.perdition.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The key set of the lookup and login benchmarks: {@code users} popmap entries {@code user00000},
 * {@code user00001}, ... and a fixed-seed, shuffled probe sequence in which {@code hitRatio} of the
 * keys are in the map and the rest ({@code nobody00000}, ...) are not. A value depends only on
 * the last digit of its user's number, so that posix_regex can hold the same map in ten rules.
 *
 * @param entries key to popmap value, in user order
 * @param probes  the keys to look up, in order; every thread walks them from its own offset
 */
public record UserKeys(Map<String, String> entries, List<String> probes) {

    static final int PROBES = 65_536;

    /**
     * @param valueForDigit the popmap value of the users whose number ends in the given digit
     */
    public static UserKeys of(int users, double hitRatio, IntFunction<String> valueForDigit) {
        if (users < 10) {
            throw new IllegalArgumentException("at least 10 users, one per last digit");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < users; i++) {
            entries.put(user(i), valueForDigit.apply(i % 10));
        }
        Random random = new Random(42);
        List<String> probes = new ArrayList<>(PROBES);
        int hits = (int) Math.round(PROBES * hitRatio);
        for (int i = 0; i < PROBES; i++) {
            probes.add(i < hits ? user(random.nextInt(users)) : String.format("nobody%05d", random.nextInt(users)));
        }
        Collections.shuffle(probes, random);
        return new UserKeys(Map.copyOf(entries), List.copyOf(probes));
    }

    /** The same probes, with {@code names} added to the map, all mapped to {@code value}. */
    public UserKeys with(List<String> names, String value) {
        Map<String, String> more = new LinkedHashMap<>(entries);
        names.forEach(name -> more.put(name, value));
        return new UserKeys(Map.copyOf(more), probes);
    }

    static String user(int i) {
        return String.format("user%05d", i);
    }

    /** The value a lookup of {@code key} must return, or null for a key that is not in the map. */
    public String expected(String key) {
        return entries.get(key);
    }
}
