package org.perdition.log;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.StringJoiner;
import org.perdition.config.Settings;

/**
 * With {@code -d}, perdition logs every option at start-up (spec §6.2). Settings holds no secret
 * (passphrases are read from a file or fd at start, never stored), so every field may be shown.
 */
public final class OptionDump {

    private OptionDump() {
    }

    public static String of(Settings settings) {
        StringJoiner dump = new StringJoiner(", ", "Options: ", "");
        for (Field field : Settings.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            try {
                dump.add(field.getName() + "=" + Log.sanitize(String.valueOf(field.get(settings))));
            } catch (IllegalAccessException e) {
                dump.add(field.getName() + "=?");
            }
        }
        return dump.toString();
    }
}
