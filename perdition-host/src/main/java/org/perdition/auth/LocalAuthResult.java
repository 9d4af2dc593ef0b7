package org.perdition.auth;

/**
 * The outcome of one local authentication. Only {@link Verdict#ACCEPTED} lets the login go on;
 * a rejection and an error both fail it with "local authentication failure" (spec §3.3 step 9),
 * but are logged differently so an admin can tell a wrong password from a broken PAM set-up.
 *
 * @param detail why, for the log (PAM's own text); never contains the password
 */
public record LocalAuthResult(Verdict verdict, String detail) {

    public enum Verdict {
        /** The password is right and the account may log in. */
        ACCEPTED,
        /** Wrong password, unknown user, or the account may not log in. */
        REJECTED,
        /** The check could not be made: no PAM library, no service file, a timeout. */
        ERROR
    }

    public static LocalAuthResult accepted() {
        return new LocalAuthResult(Verdict.ACCEPTED, "ok");
    }

    public static LocalAuthResult rejected(String detail) {
        return new LocalAuthResult(Verdict.REJECTED, detail);
    }

    public static LocalAuthResult error(String detail) {
        return new LocalAuthResult(Verdict.ERROR, detail);
    }

    public boolean isAccepted() {
        return verdict == Verdict.ACCEPTED;
    }
}
