package org.perdition.protocol;

import org.perdition.config.Settings;

/**
 * What protocol code may know about its connection.
 *
 * @param settings        the merged options
 * @param greetingSuffix  {@code "<host> <checksum>"}, the end of perdition's greeting (spec §3.4, §3.3.4)
 * @param clientTls       true when the client side is already TLS (ssl_listen)
 */
public record SessionContext(Settings settings, String greetingSuffix, boolean clientTls) {
}
