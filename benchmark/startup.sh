#!/bin/bash
# Start-up time and idle RSS of the launcher (issue 7: "under 2 s on this machine").
#
# For each run: start dist/bin/perdition.pop3 on a free loopback port, then connect every 10 ms
# until a connection is accepted and the greeting line has been read. Start-up time = from just
# before the launcher is exec'd to the greeting read (JVM start, option parsing, class loading,
# bind, privilege drop when root, accept, greeting; --pid_file '' so that it runs beside an
# installed perdition). Then the proxy idles 2 s and its RSS is read from /proc/<pid>/status
# (VmRSS; the launcher execs java, so the pid is the JVM's).
#
# Usage: benchmark/startup.sh [RUNS]          (default 5; build first: mvn -B -q package -DskipTests)
# Environment: JAVA_OPTS is passed to the launcher; PERDITION_CDS=off runs without the class-data
# sharing archive dist/lib/perdition.jsa (made by dist/bin/perdition-cds or benchmark/cds-archive.sh).
set -eu
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
launcher=$root/dist/bin/perdition.pop3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

free_port() {
    local p
    while :; do
        p=$(( 20000 + RANDOM % 40000 ))
        (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo "$p"; return; }
    done
}

times=()
rss=()
i=0
retries=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    port=$(free_port)
    start=$(now_ms)
    "$launcher" -f '' -M '' -s 127.0.0.1:9 -b "127.0.0.1:$port" -F + --pid_file '' \
        2>"$work/log.$i" &
    pid=$!
    greeting=
    while [ -z "$greeting" ]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            # Another program took the free port between the probe and the bind: run again.
            if grep -q 'Address already in use' "$work/log.$i" && [ "$retries" -lt 5 ]; then
                retries=$((retries + 1)); i=$((i - 1)); greeting=retry; continue
            fi
            echo "run $i: perdition exited; log:" >&2; cat "$work/log.$i" >&2; exit 1
        fi
        if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
            IFS= read -r greeting <&3 || greeting=
            exec 3<&-
        else
            sleep 0.01
        fi
    done
    [ "$greeting" = retry ] && continue
    end=$(now_ms)
    sleep 2
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    times+=($(( end - start )))
    rss+=("$kb")
    printf 'run %d: %d ms to greeting (%s), idle VmRSS %d kB\n' "$i" $(( end - start )) "${greeting%$'\r'}" "$kb"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "start-up ms: median $(median "${times[@]}"), min $(printf '%s\n' "${times[@]}" | sort -n | head -1)," \
     "max $(printf '%s\n' "${times[@]}" | sort -n | tail -1)"
echo "idle VmRSS kB: median $(median "${rss[@]}")"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
