#!/bin/bash
# idle-capacity.sh -- issue 8: how much memory the real launcher (dist/bin/perdition.imap4, its own
# heap and GC defaults; JAVA_OPTS overrides them) needs for N idle logged-in sessions (default
# 100,000), read at steps: PSS/RSS as they are, then after a full GC with the Java heap used.
# The back-end is a tiny in-JVM server that greets and accepts any login (Dovecot forks a process
# per session and cannot hold 100,000 here). Clients connect from 127.0.0.2, 127.0.0.3, ... so the
# ephemeral ports of one source address do not run out; the proxy's -s list names several back-end
# ports for the same reason.
#
# Builds nothing: run `mvn -B -q package -DskipTests` first. As root, raises the descriptor limit of
# this script's processes (both JVMs) to fs.nr_open. Options are passed on:
#   benchmark/idle-capacity.sh [--sessions N] [--steps 0,1000,...] [--protocol imap|pop3]
#                              [--parallel 64] [--settle 2] [--histogram]
# 100,000 sessions hold 200,000 sockets in each JVM and take a few minutes: run it once, not in a loop.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/benchmark/target/benchmarks.jar
if [ ! -r "$jar" ]; then
    echo "idle-capacity: $jar missing; build first: mvn -B -q package -DskipTests" >&2
    exit 1
fi
# Each session is two descriptors in the proxy (client and back-end) and two in this benchmark's JVM.
# Raising the hard limit needs CAP_SYS_RESOURCE (root outside a restricted container); without it
# the soft limit goes up to the hard one, and the run stops at what that allows (it says so).
if [ "$(id -u)" = 0 ]; then
    ulimit -Hn "$(cat /proc/sys/fs/nr_open)" 2>/dev/null ||
        echo "idle-capacity: cannot raise the descriptor hard limit ($(ulimit -Hn)): no CAP_SYS_RESOURCE" >&2
fi
ulimit -Sn "$(ulimit -Hn)"
cd "$root"
exec java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$jar" org.perdition.benchmark.idle.IdleCapacity --root "$root" "$@"
