#!/bin/bash
# side-by-side.sh -- issue 8's benchmark: the same IMAP and POP3 load against one private Dovecot,
# directly and through our proxy, Debian's perdition and nginx mail (each when installed), printed
# as one Markdown table with every target's ratio to direct Dovecot (docs/PERFORMANCE.md).
#
# Builds nothing: run `mvn -B -q package -DskipTests` first (benchmark/target/benchmarks.jar, and
# dist/lib when the dist module is packaged; without it our launcher runs on the benchmark jar).
# Needs dovecot-imapd and dovecot-pop3d; optional: perdition, nginx-light + libnginx-mod-mail.
# Options are passed on, e.g. --seconds 10 --targets direct,ours --protocols imap --idle 1000,5000;
# --workloads logins,tls (a subset of logins,tls,relay,noop,idle), --breakdown yes (the target's CPU
# per thread name in each login window: JIT, GC, event loops), --prime 120 (at most this many seconds
# of unmeasured logins per target until its JIT has settled; docs/perf-notes/perflogin.md).
# JAVA_OPTS in the environment reaches our proxy's JVM (heap and GC choices can be compared).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/benchmark/target/benchmarks.jar
if [ ! -r "$jar" ]; then
    echo "side-by-side: $jar missing; build first: mvn -B -q package -DskipTests" >&2
    exit 1
fi
# 5,000 idle sessions need about 10,000 descriptors in the generator and in each proxy process
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
cd "$root"
exec java ${BENCH_JAVA_OPTS:-} -cp "$jar" org.perdition.benchmark.side.SideBySide --root "$root" "$@"
