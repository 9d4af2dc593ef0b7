package org.perdition.plugin.gdbm;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test popmaps: user names (some UTF-8) mapped to values of each form perdition accepts. */
final class Popmaps {

    private Popmaps() {
    }

    static Map<String, String> of(int size) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String key = switch (i % 4) {
                case 0 -> "user" + i;
                case 1 -> "user" + i + "@example.com";
                case 2 -> "jürgen.öß" + i;           // UTF-8: bytes >= 0x80 test the signed-char hash
                default -> "名前" + i + "@例え.jp";
            };
            String value = switch (i % 4) {
                case 0 -> "imap" + i % 97 + ".example.org";
                case 1 -> "imap" + i % 89 + ".example.org:143";
                case 2 -> "other" + i + "@mail.example.net:993";
                default -> "[2001:db8::" + Integer.toHexString(i % 65536) + "]:143";
            };
            map.put(key, value);
        }
        return map;
    }
}
