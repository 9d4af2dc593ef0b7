#!/bin/bash
# soak.sh -- issue 9's soak: mixed load (logins with byte-compared reads, failed logins, clients
# that vanish, idle sessions held and released; plain, STARTTLS/STLS and implicit TLS; IMAP and
# POP3) through the real launcher (dist/bin/perdition.imap4, .imaps, .pop3, .pop3s) against a
# private Dovecot, with Netty's leak detector at paranoid. Every 10 s it prints each proxy's RSS,
# descriptors and threads; at the end errors by kind, RSS at start/end and its slope, heap after
# GC, leak reports and descriptors before/after, then PASS or FAIL (exit status 0 or 1).
#
#   scripts/soak.sh                 # 30 minutes measured, after a 60 s warm-up
#   scripts/soak.sh --minutes 5     # shorter
#   other options: --warmup S --workers N --idle N --sample S --work DIR --leak-level LEVEL
#
# Builds nothing: run `mvn -B -q package -DskipTests` first (benchmark/target/benchmarks.jar and
# dist/lib). Needs dovecot-imapd and dovecot-pop3d (.ci/install-test-deps). JAVA_OPTS in the
# environment reaches the proxies' JVMs (the leak detector level is added to it). The proxies'
# logs and summary.txt go to target/soak/ unless --work says otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/benchmark/target/benchmarks.jar
if [ ! -r "$jar" ]; then
    echo "soak: $jar missing; build first: mvn -B -q package -DskipTests" >&2
    exit 1
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
cd "$root"
exec java ${SOAK_JAVA_OPTS:-} -cp "$jar" org.perdition.benchmark.soak.Soak --root "$root" "$@"
