package org.perdition.config;

/** The flags that {@code --ssl_mode} ORs together (spec §1.4). */
public enum SslMode {
    SSL_LISTEN, SSL_OUTGOING, TLS_LISTEN, TLS_OUTGOING, TLS_LISTEN_FORCE, TLS_OUTGOING_FORCE
}
