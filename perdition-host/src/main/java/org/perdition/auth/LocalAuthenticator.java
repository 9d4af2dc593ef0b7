package org.perdition.auth;

/**
 * Checks a user name and password on this host. Blocking, and may be slow (PAM modules sleep
 * after a failure, or ask a network service): call it only off the event loop, through
 * {@link LocalAuthentication}. Implementations must be safe to call from several threads.
 */
public interface LocalAuthenticator {

    /**
     * @param user       the name after the local_authentication rules (spec §4.4), ISO-8859-1 byte string
     * @param password   the client's password, ISO-8859-1 byte string; never logged
     * @param remoteHost the client's numeric address, for PAM_RHOST; may be null
     * @return the verdict; an error is a result too, never an exception
     */
    LocalAuthResult authenticate(String user, String password, String remoteHost);
}
