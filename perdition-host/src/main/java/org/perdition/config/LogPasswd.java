package org.perdition.config;

/**
 * When {@code --log_passwd} adds the password to Auth lines. perdition's bug B5 made
 * {@code fail} behave like {@code always}; here {@code fail} means failed logins only.
 */
public enum LogPasswd {
    NEVER, FAIL, OK, ALWAYS;

    public boolean logs(boolean loginSucceeded) {
        return switch (this) {
            case NEVER -> false;
            case FAIL -> !loginSucceeded;
            case OK -> loginSucceeded;
            case ALWAYS -> true;
        };
    }
}
