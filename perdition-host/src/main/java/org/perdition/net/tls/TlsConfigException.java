package org.perdition.net.tls;

/** A certificate, key, CA or TLS option cannot be used; start-up stops with this message. */
public final class TlsConfigException extends Exception {
    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
