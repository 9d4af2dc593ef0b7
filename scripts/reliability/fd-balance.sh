#!/bin/sh
# Issue 9 "Resources": the fd count is the same before and after 10,000 whole POP3 sessions, with
# Netty's leak detector at PARANOID. CI runs the same test with 10,000 sessions too; this runs any
# count (10,000: about 20 s on 2 cores). Usage: scripts/reliability/fd-balance.sh [SESSIONS]
set -eu
cd "$(dirname "$0")/../.."
sessions="${1:-10000}"
mvn -q -B -pl perdition-host -am test -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest=FdBalanceTest -Dperdition.fdSessions="$sessions"
grep -h "fd count" perdition-host/target/surefire-reports/org.perdition.faults.FdBalanceTest-output.txt
