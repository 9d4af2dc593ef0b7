package org.perdition.benchmark.soak;

/**
 * One proxy process of the soak: the launcher name it runs as, its loopback port and pid.
 *
 * @param imap     IMAP (else POP3)
 * @param implicit the listener speaks TLS from the first byte (ssl_listen); else it offers STARTTLS/STLS (tls_listen)
 */
record Endpoint(String program, boolean imap, boolean implicit, int port, long pid) {
}
