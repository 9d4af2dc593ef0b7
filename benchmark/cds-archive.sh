#!/bin/bash
# Class-data sharing (AppCDS) for bin/perdition (issue 7: start-up under 2 s). Two outputs:
#
#   benchmark/cds-archive.sh               dist/lib/perdition.jsa, a dynamic archive for this
#                                          checkout's lib/ and this JDK (bin/perdition uses it
#                                          when present)
#   benchmark/cds-archive.sh --class-list  dist/cds/perdition.classlist, the classes one training
#                                          run loads: committed, shipped in the Debian package,
#                                          whose postinst (bin/perdition-cds) dumps a static
#                                          archive from it for the installed JDK and jars
#
# The training run: start perdition.imap4 from lib/*, greet one client and take one failed login
# (back-end refused), then SIGTERM. JDK 17 has no -XX:+AutoCreateSharedArchive (JDK 19+), so the
# dynamic archive is written at exit (-XX:ArchiveClassesAtExit); the class list is written as
# classes load (-XX:DumpLoadedClassList). An archive is tied to its JDK build and to lib/'s jars:
# re-run after either changes (a stale archive is ignored with a warning on stderr, never used
# wrongly). A stale class list only archives fewer classes: re-run --class-list when the code that
# runs at start-up changes much.
#
# Usage: benchmark/cds-archive.sh [--class-list]     (after mvn -B -q package -DskipTests)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
case "${1:-}" in
    --class-list)
        out=$root/dist/cds/perdition.classlist
        mkdir -p "$(dirname "$out")"
        jvm_option="-XX:DumpLoadedClassList=$out"
        ;;
    "")
        out=$root/dist/lib/perdition.jsa
        jvm_option="-XX:ArchiveClassesAtExit=$out"
        ;;
    *) echo "usage: $0 [--class-list]" >&2; exit 2 ;;
esac
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rm -f "$out"

port=$(( 20000 + RANDOM % 40000 ))
# As root, stay root: the archive is written at exit, after the privilege drop would have happened.
# No CDS archive of ours while training (-Xshare:auto with the JDK's own default archive).
env -u PERDITION_CLASSPATH JAVA_OPTS="$jvm_option" PERDITION_CDS=off \
    "$root/dist/bin/perdition.imap4" -f '' -M '' -s 127.0.0.1:9 -b "127.0.0.1:$port" -F + \
    -u "$(id -un)" -g "$(id -gn)" --failure_delay 0 --pid_file '' 2>"$log" &
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
[ -s "$out" ] || { echo "nothing written to $out; log:" >&2; cat "$log" >&2; exit 1; }
echo "wrote $out ($(du -h "$out" | cut -f1)) after: ${greeting%$'\r'} / ${reply%$'\r'}"
