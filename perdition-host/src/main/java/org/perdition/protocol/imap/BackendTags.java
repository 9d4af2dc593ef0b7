package org.perdition.protocol.imap;

/**
 * perdition's tags towards the back-end (spec §3.5): {@code flim07}, then a base-62 odometer over
 * 0-9a-zA-Z on the last characters ({@code flim08} … {@code flim09}, {@code flim0a} …). One counter
 * per client connection, continuing across login retries (spec §3.3.2).
 */
final class BackendTags {

    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final char[] current;

    BackendTags() {
        this("flim07");
    }

    BackendTags(String first) {
        this.current = first.toCharArray();
    }

    /** The next unused tag. */
    String next() {
        String tag = new String(current);
        advance();
        return tag;
    }

    /** Counts up like an odometer; a digit past 'Z' turns back to '0' and carries left. */
    private void advance() {
        for (int i = current.length - 1; i >= 0; i--) {
            int digit = DIGITS.indexOf(current[i]);
            if (digit + 1 < DIGITS.length()) {
                current[i] = DIGITS.charAt(digit + 1);
                return;
            }
            current[i] = DIGITS.charAt(0);
        }
    }
}
