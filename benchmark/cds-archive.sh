#!/bin/bash
# Makes dist/lib/perdition.jsa, the AppCDS archive bin/perdition uses when present (issue 7:
# start-up under 2 s). JDK 17 has no -XX:+AutoCreateSharedArchive (JDK 19+), so this is a
# training run with -XX:ArchiveClassesAtExit: start perdition.imap4 from lib/*, greet one client
# and take one failed login (back-end refused), then SIGTERM; the JVM writes the classes it loaded
# at exit. The archive is tied to this JDK build and to lib/'s jars: re-run it after either
# changes (a stale archive is ignored with a warning on stderr, never used wrongly).
#
# Usage: benchmark/cds-archive.sh          (after mvn -B -q package -DskipTests)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
archive=$root/dist/lib/perdition.jsa
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rm -f "$archive"

port=$(( 20000 + RANDOM % 40000 ))
# As root, stay root: the archive is written at exit, after the privilege drop would have happened.
env -u PERDITION_CLASSPATH JAVA_OPTS="-XX:ArchiveClassesAtExit=$archive" \
    "$root/dist/bin/perdition.imap4" -f '' -M '' -s 127.0.0.1:9 -b "127.0.0.1:$port" -F + \
    -u "$(id -un)" -g "$(id -gn)" --failure_delay 0 2>"$log" &
pid=$!
until { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
IFS= read -r greeting <&3
printf 'a LOGIN user password\r\nb LOGOUT\r\n' >&3
IFS= read -r reply <&3 || true
exec 3<&-
kill -TERM "$pid"
wait "$pid" || true
[ -s "$archive" ] || { echo "no archive written; log:" >&2; cat "$log" >&2; exit 1; }
echo "wrote $archive ($(du -h "$archive" | cut -f1)) after: ${greeting%$'\r'} / ${reply%$'\r'}"
