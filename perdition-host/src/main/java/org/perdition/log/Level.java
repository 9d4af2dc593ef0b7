package org.perdition.log;

/** Syslog priorities that perdition uses, most severe first (spec §6.3). */
public enum Level {
    ERR, WARNING, NOTICE, INFO, DEBUG;

    public boolean isAtLeast(Level threshold) {
        return ordinal() <= threshold.ordinal();
    }
}
