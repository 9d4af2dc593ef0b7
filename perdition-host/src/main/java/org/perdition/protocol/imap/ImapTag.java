package org.perdition.protocol.imap;

/** Client tag rules (spec §3.5, RFC 3501 §9 {@code tag}). */
final class ImapTag {

    /** perdition's forbidden characters, plus '+' which RFC 3501 forbids and perdition accepted. */
    private static final String FORBIDDEN = "(){ %*\"\\]+";

    private ImapTag() {
    }

    /** Non-empty, printable ASCII, none of {@code ( ) { SP % * " \ ] +}. */
    static boolean isValid(String tag) {
        if (tag.isEmpty()) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c < 0x21 || c > 0x7e || FORBIDDEN.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
