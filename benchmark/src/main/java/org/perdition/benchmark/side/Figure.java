package org.perdition.benchmark.side;

/**
 * A row of the side-by-side table: its label, whether a ratio to direct Dovecot means something
 * (throughput does; memory of a proxy vs. Dovecot's own does not), and issue 8's figures for
 * perdition 2.2, nginx 1.22 and our target (IMAP; the issue gives the same targets for POP3).
 */
enum Figure {
    LOGINS("logins/s, 32 clients", "%,.0f", true, "0.27–0.34", "0.71–0.96", "≥ 0.90, ≥ nginx"),
    TLS_LOGINS("TLS logins/s, 32 clients", "%,.0f", true, "0.29–0.36", "0.76–0.88", "≥ 0.85"),
    RELAY_1("relay MB/s, 1 session", "%,.1f", true, "0.18–0.23", "0.28–0.35", "≥ 0.80"),
    RELAY_8("relay MB/s, 8 sessions", "%,.1f", true, "0.29–0.30", "0.51–0.64", "≥ 0.85"),
    NOOP_P50("NOOP round trip p50 µs", "%,.0f", false, "", "", ""),
    NOOP_P99("NOOP round trip p99 µs", "%,.0f", false, "", "", ""),
    NOOP_ADDED("NOOP µs added over direct (median of pairs)", "%+,.0f", false, "+83–113", "+61–112", "≤ +50"),
    PSS_0("PSS MiB, 0 sessions", "%,.1f", false, "", "", ""),
    PSS_1("PSS MiB, 1st idle count", "%,.1f", false, "", "", ""),
    PSS_2("PSS MiB, 2nd idle count", "%,.1f", false, "", "", ""),
    RSS_2("RSS MiB, 2nd idle count", "%,.1f", false, "", "", ""),
    PSS_PER_SESSION("PSS KB per idle session", "%,.1f", false, "155", "9.3 (POP3 5.2)", "≤ 8"),
    CPU_LOGINS("CPU s per 1,000 logins", "%.3f", false, "1.8–2.1", "0.25–0.27", "≤ 0.25"),
    CPU_GB("CPU s per GB relayed (8 sessions)", "%.3f", false, "2.8–3.0", "0.76–0.83", "≤ 0.40"),
    GEN_LOGINS("generator CPU, cores, during logins", "%.2f", false, "", "", ""),
    GEN_RELAY("generator CPU, cores, during relay ×8", "%.2f", false, "", "", ""),
    ERRORS("failed operations in measured windows", "%.0f", false, "", "", "");

    final String label;
    final String format;
    final boolean ratio;
    final String perdition;
    final String nginx;
    final String target;

    Figure(String label, String format, boolean ratio, String perdition, String nginx, String target) {
        this.label = label;
        this.format = format;
        this.ratio = ratio;
        this.perdition = perdition;
        this.nginx = nginx;
        this.target = target;
    }
}
