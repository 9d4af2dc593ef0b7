package org.perdition.lookup;

/**
 * The popmap plugin named by {@code -M} could not be found, loaded or initialised; start-up
 * must stop (perdition exits when {@code dbserver_init} fails, spec §5.4).
 *
 * <p>The message is ONE line without the program name, e.g.
 * {@code map library posix_regex: cannot read /etc/perdition/popmap.re: No such file or directory};
 * the start-up code prefixes it ({@code perdition: ...}).
 */
public class MapLoadException extends Exception {

    public MapLoadException(String message) {
        super(message);
    }

    public MapLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
