package org.perdition.protocol;

/**
 * What a client logged in with.
 *
 * @param authorisationId SASL authzid, or null when the client sent none (LOGIN, USER/PASS)
 * @param user            the authentication id / user name, as the client sent it
 * @param password        the password; never logged unless --log_passwd asks for it
 * @param tag             the IMAP tag of the LOGIN/AUTHENTICATE command, null for other protocols
 */
public record Credentials(String authorisationId, String user, String password, String tag) {

    /** The name the lookup and the back-end login start from (spec §3.3 step 3). */
    public String loginId() {
        return authorisationId != null && !authorisationId.isEmpty() ? authorisationId : user;
    }

    /**
     * True when the client authenticated as one user (authcid) to act as another (authzid): the
     * back-end must then get both names, over SASL PLAIN, since USER/PASS and LOGIN carry one name
     * and the password belongs to the authcid. An authzid equal to the authcid is no proxying.
     */
    public boolean actsForAnotherUser() {
        return authorisationId != null && !authorisationId.isEmpty() && !authorisationId.equals(user);
    }

    @Override
    public String toString() {
        // Passwords must never reach a log line by accident.
        return "Credentials[authorisationId=" + authorisationId + ", user=" + user + ", tag=" + tag + "]";
    }
}
