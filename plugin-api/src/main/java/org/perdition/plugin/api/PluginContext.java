package org.perdition.plugin.api;

import java.util.Optional;

/**
 * What the host tells a plugin at {@link PopmapLookup#init}.
 *
 * @param options         the {@code -m/--map_library_opt} string, empty when none was given
 *                        (each plugin then uses perdition's default, e.g. {@code /etc/perdition/popmap.re})
 * @param domainDelimiter the {@code -D} delimiter, for plugins that build {@code user<delim>host} values
 * @param protocol        the proxied protocol name as perdition logs it (POP3, IMAP4S, ...)
 */
public record PluginContext(Optional<String> options, String domainDelimiter, String protocol) {
    public PluginContext {
        if (options == null || domainDelimiter == null || protocol == null) {
            throw new IllegalArgumentException("PluginContext fields must not be null");
        }
    }
}
