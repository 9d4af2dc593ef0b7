#!/usr/bin/env bash
# Fuzzing campaign for the issue-9 Jazzer targets (docs/RELIABILITY.md, "Fuzzing").
#
#   scripts/fuzz-campaign.sh [TARGET|all] [DURATION]      e.g.  scripts/fuzz-campaign.sh imap 5m
#
# TARGET: pop3 imap managesieve sasl config popmap-re server-address gdbm bdb (default: all).
# DURATION: Jazzer's max_duration per target (default 2m).
#
# Each target runs as its JUnit @FuzzTest with JAZZER_FUZZ=1. libFuzzer's working corpus stays in
# <module>/.cifuzz-corpus (ignored by git; a later campaign goes on from it); a crash is written by
# Jazzer into the target's regression directory (src/test/resources/.../<Test>Inputs/<method>/crash-*),
# so after the fix it is replayed by every `mvn verify`. At the end the script copies the campaign's
# corpus (libFuzzer keeps only inputs that added coverage) into that directory as corpus-<sha1>,
# at most MAX_CORPUS (default 100) files per target, to be committed.
# Logs and a summary (executions, seconds, corpus, findings) go to target/fuzz-campaign/.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET="${1:-all}"
DURATION="${2:-2m}"
MAX_CORPUS="${MAX_CORPUS:-100}"
OUT=target/fuzz-campaign
mkdir -p "$OUT"

# name -> module, test class, method, resource package path
declare -A MODULE CLASS METHOD PKG
add() { MODULE[$1]=$2; CLASS[$1]=$3; METHOD[$1]=$4; PKG[$1]=$5; }
add pop3           perdition-host     org.perdition.protocol.pop3.Pop3DecoderFuzzTest               decodes              org/perdition/protocol/pop3
add imap           perdition-host     org.perdition.protocol.imap.ImapDecoderFuzzTest               decodes              org/perdition/protocol/imap
add managesieve    perdition-host     org.perdition.protocol.managesieve.ManageSieveDecoderFuzzTest decodes              org/perdition/protocol/managesieve
add sasl           perdition-host     org.perdition.protocol.SaslPlainFuzzTest                      decodesAndRoundTrips org/perdition/protocol
add config         perdition-host     org.perdition.cli.ConfigFileFuzzTest                          readsOrRefuses       org/perdition/cli
add server-address perdition-host     org.perdition.lookup.ServerAddressParserFuzzTest              splits               org/perdition/lookup
add popmap-re      plugin-posix-regex org.perdition.plugin.posixregex.PopmapReFuzzTest              readsAndMatches      org/perdition/plugin/posixregex
add gdbm           plugin-gdbm        org.perdition.plugin.gdbm.GdbmFileFuzzTest                    readsOrRejects       org/perdition/plugin/gdbm
add bdb            plugin-bdb         org.perdition.plugin.bdb.BdbDatabaseFuzzTest                  readsOrRejects       org/perdition/plugin/bdb
ALL="pop3 imap managesieve sasl config server-address popmap-re gdbm bdb"

if [ "$TARGET" = all ]; then TARGETS=$ALL; else TARGETS=$TARGET; fi
for t in $TARGETS; do
  [ -n "${MODULE[$t]:-}" ] || { echo "unknown target '$t'; one of: $ALL" >&2; exit 2; }
done

status=0
for t in $TARGETS; do
  module=${MODULE[$t]} class=${CLASS[$t]} method=${METHOD[$t]}
  simple=${class##*.}
  inputs="$module/src/test/resources/${PKG[$t]}/${simple}Inputs/$method"
  log="$OUT/$t.log"
  echo "== $t: $class#$method for $DURATION (log $log)"
  before=$(ls "$inputs" 2>/dev/null | grep -c '^crash-' || true)
  set +e
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$DURATION" mvn -B test -pl "$module" -am \
      -Dsurefire.failIfNoSpecifiedTests=false -Dtest="$simple#$method" \
      -Djazzer.max_duration="$DURATION" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | awk '{print $2" runs in "$5" s"}' || true)
  cov=$(grep -oE 'DONE +cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1 | sed 's/DONE *//' || true)
  after=$(ls "$inputs" 2>/dev/null | grep -c '^crash-' || true)
  corpus="$module/.cifuzz-corpus/$class/$method"
  copied=0
  if [ -d "$corpus" ]; then
    for f in $(ls -S -r "$corpus" | head -n "$MAX_CORPUS"); do
      sha=$(sha1sum "$corpus/$f" | cut -c1-16)
      [ -e "$inputs/corpus-$sha" ] || { cp "$corpus/$f" "$inputs/corpus-$sha"; copied=$((copied + 1)); }
    done
  fi
  line="$t: ${runs:-no run summary} | ${cov:-?} | new crashes: $((after - before)) | corpus files added: $copied | mvn rc=$rc"
  echo "$line" | tee -a "$OUT/summary.txt"
  [ "$rc" -eq 0 ] || status=1
done
exit $status
