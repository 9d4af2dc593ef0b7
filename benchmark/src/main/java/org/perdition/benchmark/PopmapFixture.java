package org.perdition.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic popmap shaped like a real one: {@code userN@domainM} keys and {@code imapK.example.org[:port]}
 * values, the same entries for every map kind so that the kinds are compared on equal data.
 * Everything derives from fixed seeds, so two runs measure the same files and the same key sequence.
 */
final class PopmapFixture {

    /** The map size that issue 4 asks about. */
    static final int ENTRIES = 200_000;
    /** How many probe keys are cycled through; a power of two so the cursor wraps with a mask. */
    static final int PROBES = 1 << 16;

    private static final long ENTRY_SEED = 0x5045524449544FL;   // "PERDITO"
    private static final long PROBE_SEED = 42;

    private PopmapFixture() {
    }

    /** key -> value in insertion order. */
    static Map<String, String> entries() {
        SplittableRandom random = new SplittableRandom(ENTRY_SEED);
        Map<String, String> map = new LinkedHashMap<>(ENTRIES * 2);
        for (int i = 0; i < ENTRIES; i++) {
            String key = "user" + i + "@domain" + random.nextInt(500) + ".example.com";
            int server = random.nextInt(64);
            String value = random.nextBoolean() ? "imap" + server + ".example.org"
                    : "imap" + server + ".example.org:" + (random.nextBoolean() ? 143 : 993);
            map.put(key, value);
        }
        return map;
    }

    /** Existing keys drawn uniformly at random (fixed seed), as strings and as UTF-8 bytes. */
    static String[] probeKeys(Map<String, String> entries) {
        List<String> keys = new ArrayList<>(entries.keySet());
        SplittableRandom random = new SplittableRandom(PROBE_SEED);
        String[] probes = new String[PROBES];
        for (int i = 0; i < PROBES; i++) {
            probes[i] = keys.get(random.nextInt(keys.size()));
        }
        return probes;
    }

    static byte[][] utf8(String[] keys) {
        byte[][] bytes = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            bytes[i] = keys[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }
}
