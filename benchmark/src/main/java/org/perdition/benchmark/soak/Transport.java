package org.perdition.benchmark.soak;

/** How a soak client reaches a proxy: plain text, plain then STARTTLS/STLS, or TLS from the first byte. */
enum Transport {
    PLAIN, STARTTLS, IMPLICIT_TLS
}
