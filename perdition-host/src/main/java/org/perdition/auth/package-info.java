/**
 * Local authentication for {@code -a} / {@code --authenticate_in} (spec §3.3 step 9): the
 * client's password is checked on this host before any back-end is contacted.
 *
 * <p>{@link org.perdition.auth.LocalAuthenticator} is the blocking check;
 * {@link org.perdition.auth.PamAuthenticator} does it with PAM (libpam4j's JNA binding of
 * libpam, with our own conversation so that names and passwords reach PAM byte for byte);
 * {@link org.perdition.auth.LocalAuthentication} runs a check off the event loop, bounded by a
 * timeout, and turns every error into a failed check.
 */
package org.perdition.auth;
