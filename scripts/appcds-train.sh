#!/usr/bin/env bash
# Writes an AppCDS archive of the service's classes from one training run, so that later starts
# with -XX:SharedArchiveFile=ARCHIVE map those classes instead of loading and verifying them
# (docs/benchmarks.md, "6. Start"). The archive only fits the JVM that wrote it: run this with the
# java that will run the service (the Dockerfile runs it in its runtime stage).
#
#   scripts/appcds-train.sh JAR ARCHIVE CONFIG
#
# The run: `serve` on CONFIG (startup probes off, loopback, a free port), a few requests through
# bash's /dev/tcp (no curl needed), then SIGTERM; the JVM writes ARCHIVE as it exits. Exit code 0
# with ARCHIVE written, 1 otherwise (the service's log is printed).
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: $0 JAR ARCHIVE CONFIG" >&2
  exit 1
fi
jar=$1 archive=$2 config=$3
JAVA=${JAVA:-java}
log=$(mktemp)
pid=""
finish() {
  local rc=$?
  [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null
  if [[ $rc -ne 0 ]]; then
    echo "appcds-train: the training run failed; its log:" >&2
    cat "$log" >&2
  fi
  rm -f "$log"
  exit $rc
}
trap finish EXIT

rm -f "$archive"
env -i PATH="$PATH" HOME="${HOME:-/tmp}" \
  TOOLSET_CONFIG_PATH="$config" TOOLSET_HTTP_HOST=127.0.0.1 TOOLSET_HTTP_PORT=0 \
  TOOLSET_STARTUP_PROBES=false TOOLSET_LOG_FORMAT=text \
  "$JAVA" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" serve >"$log" 2>&1 &
pid=$!

port=""
for _ in $(seq 600); do
  kill -0 "$pid" 2>/dev/null || { pid=""; echo "appcds-train: the service exited before it started" >&2; exit 1; }
  port=$(sed -n 's/.*toolset_config_service_started .*\bport=\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
  [[ -n "$port" ]] && break
  sleep 0.2
done
[[ -n "$port" ]] || { echo "appcds-train: no start within 120 s" >&2; exit 1; }

# The classes of the request path too: a read, a failure, a success, a session, metrics.
request() { # METHOD PATH [JSON]
  local body=${3:-}
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$1" "$2" "${#body}" "$body" >&3
  local status=""
  IFS= read -r -t 10 status <&3 || true
  exec 3<&-
  [[ $status =~ ^HTTP/1\.1\ [23][0-9][0-9]\  ]] || { echo "appcds-train: $1 $2 answered '$status'" >&2; return 1; }
}
name=$(sed -n 's/^ *- *name: *\([^ #]*\).*/\1/p' "$config" | head -n 1)
request GET /api/v1/toolsets
request GET /api/v1/status
request GET /metrics
request PUT /api/v1/sessions/appcds-training
request DELETE /api/v1/sessions/appcds-training
if [[ -n "$name" ]]; then
  request POST "/api/v1/toolsets/$name/failures" '{"errorType":"Training","errorMessage":"appcds training run"}'
  request POST "/api/v1/toolsets/$name/successes"
fi

kill -TERM "$pid"
for _ in $(seq 300); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$pid" 2>/dev/null && { echo "appcds-train: the service did not stop within 30 s of SIGTERM" >&2; exit 1; }
status=0
wait "$pid" || status=$?
pid=""
[[ $status -eq 0 ]] || { echo "appcds-train: the service exited with $status on SIGTERM" >&2; exit 1; }
[[ -s "$archive" ]] || { echo "appcds-train: the JVM wrote no archive at $archive" >&2; exit 1; }
echo "appcds-train: wrote $archive ($(du -h "$archive" | cut -f1)) from a run of $jar"
