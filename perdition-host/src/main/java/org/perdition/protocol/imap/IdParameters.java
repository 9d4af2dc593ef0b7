package org.perdition.protocol.imap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The argument of the ID command (RFC 2971 §3.3): {@code NIL} or
 * {@code "(" [string SP nstring *(SP string SP nstring)] ")"}.
 * perdition answered ID with "Unrecognised command"; we answer it before login.
 */
final class IdParameters {

    /** RFC 2971 §3.3: a client MUST NOT send more than 30 field-value pairs. */
    private static final int MAX_PAIRS = 30;

    private IdParameters() {
    }

    /**
     * @return the field-value pairs in the client's order (NIL values as null; NIL alone gives
     *         an empty map), or null when the argument is malformed
     */
    static Map<String, String> parse(Arg arg) {
        if (arg instanceof Arg.Text text) {
            return text.isNil() ? Map.of() : null;
        }
        List<Arg> items = ((Arg.ListArg) arg).items();
        if (items.size() % 2 != 0 || items.size() > 2 * MAX_PAIRS) {
            return null;
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            if (!(items.get(i) instanceof Arg.Text field) || !field.isString()) {
                return null;
            }
            if (!(items.get(i + 1) instanceof Arg.Text value) || !(value.isString() || value.isNil())) {
                return null;
            }
            pairs.put(field.value(), value.isNil() ? null : value.value());
        }
        return Collections.unmodifiableMap(pairs);
    }
}
