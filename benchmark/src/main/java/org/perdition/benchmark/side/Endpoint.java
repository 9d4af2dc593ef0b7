package org.perdition.benchmark.side;

/**
 * Where the load goes: a loopback port, whether it speaks implicit TLS, and the pid of the process
 * tree that serves it (its CPU and memory are the target's cost).
 */
record Endpoint(int port, boolean tls, long pid) {
}
