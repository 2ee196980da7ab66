#!/usr/bin/env bash
# Runs every benchmark of docs/benchmarks.md and writes the figures into it: the section between its
# GENERATED FIGURES markers is replaced (it refuses to write when a marker is missing, rather than
# add a second section); everything outside the markers is kept. Not part of `mvn verify`: the benchmarks module is only built
# with -Pbenchmarks. Takes about 20 minutes; needs JDK 17, Maven, curl and wrk (installed with
# apt-get when missing and run as root).
#
#   scripts/benchmarks.sh
#
# Knobs (environment): MVN (default mvn), SKIP_BUILD=1 (reuse the built jars), PARTS (default
# jmh,swaps,http,footprint,events), JMH_OPTIONS, SWAPS, POLL_SWAPS, API_UPDATES, ROUNDS, WRK_SECONDS,
# WARMUP_SECONDS, WRK_THREADS, WRK_CONNECTIONS, LAUNCHES, IDLE_SECONDS, JVM_FLAGS, EVENT_SUBSCRIBERS,
# EVENT_APPLIES. Raw results go to benchmarks/target/results/. The events part writes its own section of
# docs/benchmarks.md (between the EVENT FIGURES markers); PARTS=events runs it alone.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

MVN=${MVN:-mvn}
PARTS=${PARTS:-jmh,swaps,http,footprint,events}
# Short on purpose: the reference machine has 2 cores shared with other work.
JMH_OPTIONS=${JMH_OPTIONS:--f 1 -wi 3 -w 2s -i 5 -r 2s}
SWAPS=${SWAPS:-100}
POLL_SWAPS=${POLL_SWAPS:-6}
API_UPDATES=${API_UPDATES:-200}
ROUNDS=${ROUNDS:-5}
WRK_SECONDS=${WRK_SECONDS:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
WRK_THREADS=${WRK_THREADS:-1}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-16}
LAUNCHES=${LAUNCHES:-3}
IDLE_SECONDS=${IDLE_SECONDS:-5}
EVENT_SUBSCRIBERS=${EVENT_SUBSCRIBERS:-1000}
EVENT_APPLIES=${EVENT_APPLIES:-50}

RESULTS=$ROOT/benchmarks/target/results
SERVICE_JAR=$ROOT/bootstrap/target/toolset-config-service.jar
BENCH_JAR=$ROOT/benchmarks/target/benchmarks.jar
DOC=$ROOT/docs/benchmarks.md

# The JVM flags of the Dockerfile's ENTRYPOINT, and the memory the container sees (the limit in
# deploy/kubernetes/base/deployment.yaml): without -XX:MaxRAM the JVM would size itself for this whole machine.
# The image's AppCDS archive is made here the way the Dockerfile makes it (scripts/appcds-train.sh), at
# $CDS_ARCHIVE in place of the image's path.
CDS_ARCHIVE=$RESULTS/service.jsa
docker_flags=$(sed -n 's/^ENTRYPOINT *\[\(.*\)\]/\1/p' Dockerfile | tr ',' '\n' | tr -d '" ' | grep '^-X' \
    | sed "s|^-XX:SharedArchiveFile=.*|-XX:SharedArchiveFile=$CDS_ARCHIVE|" | tr '\n' ' ')
memory_limit=$(grep -A2 'limits:' deploy/kubernetes/base/deployment.yaml | sed -n 's/.*memory: *\([0-9]*\)Mi.*/\1/p' | head -1)
JVM_FLAGS=${JVM_FLAGS:-"${docker_flags}-XX:MaxRAM=${memory_limit:-384}m"}
# The same without the service's archive: the bare Javalin server, and the service started plainly.
JVM_FLAGS_NO_CDS=$(tr ' ' '\n' <<<"$JVM_FLAGS" | grep -v '^-XX:SharedArchiveFile=' | tr '\n' ' ')
# The Dockerfile's log format: the service writes its JSON lines as in the container.
export TOOLSET_LOG_FORMAT=json
# The startup connectivity probes would refuse the example endpoints (no cluster here) and probe each of
# the 10 000 toolsets of the scale file: the measured start is the service's own, without probes.
export TOOLSET_STARTUP_PROBES=false

started=()
cleanup() {
    local pid
    for pid in "${started[@]:-}"; do
        [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

log() { printf '\n== %s\n' "$*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# The 1-minute load average every 5 s while part $1 runs, into load-$1.txt: the report prints it beside the
# part's figures, since other work on a shared machine moves them. Also records when the part ran.
sampler_pid=""
begin_part() {
    sed -i "/^run\.$1=/d" "$RESULTS/machine.properties"
    echo "run.$1=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$RESULTS/machine.properties"
    : >"$RESULTS/load-$1.txt"
    ( while :; do load1 >>"$RESULTS/load-$1.txt"; sleep 5; done ) &
    sampler_pid=$!
    started+=("$sampler_pid")
}
end_part() {
    kill "$sampler_pid" 2>/dev/null || true
    wait "$sampler_pid" 2>/dev/null || true
    load1 >>"$RESULTS/load-$1.txt"
}
part() { [[ ",$PARTS," == *",$1,"* ]]; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

ensure_wrk() {
    command -v wrk >/dev/null && return
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        log "installing wrk"
        apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
    else
        echo "wrk is needed for the HTTP benchmark: sudo apt-get install wrk" >&2
        exit 1
    fi
}

# Waits (bounded) until $1 answers 200 while process $3 lives; prints the milliseconds since $2.
wait_ready() {
    local url=$1 since=$2 pid=$3 deadline=$(( $(now_ms) + 60000 ))
    until curl -sf -o /dev/null "$url"; do
        kill -0 "$pid" 2>/dev/null || { echo "process $pid ended before $url answered" >&2; return 1; }
        (( $(now_ms) < deadline )) || { echo "no 200 from $url within 60 s" >&2; return 1; }
        sleep 0.01
    done
    echo $(( $(now_ms) - since ))
}

# A TCP port nobody listens on (other processes on this machine may hold fixed ones).
free_port() {
    local port
    while :; do
        port=$(( 20000 + RANDOM % 20000 ))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

# Starts the service jar on $SERVICE_PORT with config $1 (extra env in the caller); sets $service_pid.
start_service() {
    java $JVM_FLAGS -jar "$SERVICE_JAR" serve --config "$1" --host 127.0.0.1 --port "$SERVICE_PORT" \
        >"$2" 2>&1 &
    service_pid=$!
    started+=("$service_pid")
}

stop() {
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# Heap used after a full GC, in MB, from the service's own Prometheus scrape.
heap_mb() {
    jcmd "$1" GC.run >/dev/null
    curl -sf "http://127.0.0.1:$SERVICE_PORT/metrics" \
        | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%.1f", sum / 1048576 }'
}

# One wrk run; appends "<key>.rps", "<key>.p99_ms" and the load average at its start to the associative arrays.
declare -A rps p99 loads
non2xx=0
run_wrk() {
    local key=$1 url=$2 script=${3:-} out
    loads[$key]+="$(load1),"
    out=$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency ${script:+-s "$script"} "$url")
    echo "$out" >>"$RESULTS/wrk.txt"
    rps[$key]+="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out"),"
    p99[$key]+="$(awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
        f = (u == "us") ? 0.001 : (u == "s") ? 1000 : 1; printf "%.3f", v * f }' <<<"$out"),"
    local bad
    bad=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { for (i = 3; i <= NF; i += 2) n += $(i+1) } END { print n + 0 }' <<<"$out")
    non2xx=$(( non2xx + bad ))
}

mkdir -p "$RESULTS"
SERVICE_PORT=${SERVICE_PORT:-$(free_port)}
BARE_PORT=${BARE_PORT:-$(free_port)}
while [[ $BARE_PORT == "$SERVICE_PORT" ]]; do BARE_PORT=$(free_port); done

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    log "building the service jar and the benchmarks jar (-Pbenchmarks)"
    $MVN -B -q -Pbenchmarks -pl bootstrap,benchmarks -am package -DskipTests
fi
{ part http || part events; } && ensure_wrk
# Private copies: a build running meanwhile (other work on the same checkout) must not swap a jar under a run.
mkdir -p "$RESULTS/jars"
cp "$SERVICE_JAR" "$RESULTS/jars/service.jar"
cp "$BENCH_JAR" "$RESULTS/jars/benchmarks.jar"
SERVICE_JAR=$RESULTS/jars/service.jar
BENCH_JAR=$RESULTS/jars/benchmarks.jar
if [[ $JVM_FLAGS == *-XX:SharedArchiveFile=* ]]; then
    log "the AppCDS archive, as the Dockerfile makes it"
    scripts/appcds-train.sh "$SERVICE_JAR" "$CDS_ARCHIVE" "$ROOT/examples/toolsets.yaml"
fi

if [[ $PARTS != jmh,swaps,http,footprint* && -f $RESULTS/machine.properties ]]; then
    # A partial run keeps the description of the full run it completes, and says what it redid.
    earlier=$(sed -n 's/^partial=//p' "$RESULTS/machine.properties")
    sed -i '/^partial=/d' "$RESULTS/machine.properties"
    echo "partial=${earlier:+$earlier; }$PARTS again at $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" \
        >>"$RESULTS/machine.properties"
else {
    echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "command=scripts/benchmarks.sh"
    echo "cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
    echo "cores=$(nproc)"
    echo "memory=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "os=$(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)"
    echo "java=$(java -version 2>&1 | sed -n 2,3p | tr '\n' ' ')"
    echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "jmh_options=$JMH_OPTIONS -prof gc"
    echo "jvm_flags=$JVM_FLAGS"
} >"$RESULTS/machine.properties"
fi

if part jmh; then
    log "JMH: hot path vs Resilience4j, logging cost, re-check and apply"
    begin_part jmh
    java -jar "$BENCH_JAR" $JMH_OPTIONS -prof gc -rf csv -rff "$RESULTS/jmh.csv" | tee "$RESULTS/jmh.txt"
    end_part jmh
fi

if part swaps; then
    log "change to applied: $SWAPS watched swaps, $API_UPDATES API updates, then $POLL_SWAPS poll-only swaps (30 s poll: a few minutes)"
    begin_part swaps
    java -cp "$BENCH_JAR" org.toolsetconfig.benchmarks.ChangeToApplied "$ROOT/benchmarks/target" "$SWAPS" \
        "$POLL_SWAPS" "$API_UPDATES" | tee "$RESULTS/swaps.properties"
    end_part swaps
fi

if part http; then
    log "HTTP: wrk against the service and a bare Javalin endpoint"
    begin_part http
    : >"$RESULTS/wrk.txt"
    post_lua=$RESULTS/post-failure.lua
    cat >"$post_lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"errorType":"ConnectionError","errorMessage":"connection refused"}'
wrk.headers["Content-Type"] = "application/json"
LUA
    start_service "$ROOT/examples/toolsets.yaml" /dev/null
    java $JVM_FLAGS_NO_CDS -cp "$BENCH_JAR" org.toolsetconfig.benchmarks.BareJavalin "$BARE_PORT" >/dev/null 2>&1 &
    bare_pid=$!
    started+=("$bare_pid")
    wait_ready "http://127.0.0.1:$SERVICE_PORT/readyz" "$(now_ms)" "$service_pid" >/dev/null
    wait_ready "http://127.0.0.1:$BARE_PORT/constant" "$(now_ms)" "$bare_pid" >/dev/null
    service=http://127.0.0.1:$SERVICE_PORT
    bare=http://127.0.0.1:$BARE_PORT
    # Warm-up of both JITs (not counted; the service has far more code to compile than the bare server),
    # then interleaved rounds so drift hits both alike.
    WRK_SECONDS_MEASURED=$WRK_SECONDS
    WRK_SECONDS=$WARMUP_SECONDS
    run_wrk warm.service.post "$service/api/v1/toolsets/prometheus/metrics/failures" "$post_lua"
    run_wrk warm.service.get "$service/api/v1/toolsets"
    run_wrk warm.bare.post "$bare/constant" "$post_lua"
    run_wrk warm.bare.get "$bare/constant"
    WRK_SECONDS=$WRK_SECONDS_MEASURED
    non2xx=0
    for (( round = 1; round <= ROUNDS; round++ )); do
        run_wrk bare.post_failure "$bare/constant" "$post_lua"
        run_wrk service.post_failure "$service/api/v1/toolsets/prometheus/metrics/failures" "$post_lua"
        run_wrk bare.get_toolsets "$bare/constant"
        run_wrk service.get_toolsets "$service/api/v1/toolsets"
    done
    stop "$service_pid"
    stop "$bare_pid"
    {
        echo "wrk_options=-t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_SECONDS}s --latency"
        echo "rounds=$ROUNDS"
        echo "warmup_seconds=$WARMUP_SECONDS"
        echo "http.non2xx=$non2xx"
        for key in bare.post_failure service.post_failure bare.get_toolsets service.get_toolsets; do
            echo "http.$key.rps=${rps[$key]%,}"
            echo "http.$key.p99_ms=${p99[$key]%,}"
            echo "http.$key.load=${loads[$key]%,}"
        done
    } >"$RESULTS/http.properties"
    end_part http
    cat "$RESULTS/http.properties"
fi

if part footprint; then
    log "start and footprint: $LAUNCHES launches to /readyz, idle RSS, heap with 10 000 toolsets and sessions"
    begin_part footprint
    ready=() rss=() ready_loads=() heap_example=""
    for (( i = 1; i <= LAUNCHES; i++ )); do
        ready_loads+=("$(load1)")
        t0=$(now_ms)
        start_service "$ROOT/examples/toolsets.yaml" "$RESULTS/service-start-$i.log"
        ready+=("$(wait_ready "http://127.0.0.1:$SERVICE_PORT/readyz" "$t0" "$service_pid")")
        sleep "$IDLE_SECONDS" # idle on purpose: RSS of a service that is up and unused
        rss+=("$(rss_mb "$service_pid")")
        [[ $i -eq 1 ]] && heap_example=$(heap_mb "$service_pid")
        stop "$service_pid"
    done

    # The same launches without the image's AppCDS archive: how much of the start is loading classes.
    JVM_FLAGS_SHIPPED=$JVM_FLAGS
    JVM_FLAGS=$JVM_FLAGS_NO_CDS
    ready_plain=() ready_plain_loads=()
    for (( i = 1; i <= LAUNCHES; i++ )); do
        ready_plain_loads+=("$(load1)")
        t0=$(now_ms)
        start_service "$ROOT/examples/toolsets.yaml" "$RESULTS/service-start-plain-$i.log"
        ready_plain+=("$(wait_ready "http://127.0.0.1:$SERVICE_PORT/readyz" "$t0" "$service_pid")")
        stop "$service_pid"
    done
    JVM_FLAGS=$JVM_FLAGS_SHIPPED

    big=$RESULTS/toolsets-10k.yaml
    java -cp "$BENCH_JAR" org.toolsetconfig.benchmarks.ConfigFile 10000 "$big"
    sessions_lua=$RESULTS/register-sessions.lua
    cat >"$sessions_lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("PUT", "/api/v1/sessions/bench-" .. counter)
end
LUA
    TOOLSET_CONFIG_MAX_BYTES=16777216 TOOLSET_MAX_SESSIONS=10000 \
        start_service "$big" "$RESULTS/service-10k.log"
    wait_ready "http://127.0.0.1:$SERVICE_PORT/readyz" "$(now_ms)" "$service_pid" >/dev/null
    heap_toolsets=$(heap_mb "$service_pid")
    # Registers sessions until the cap (10 000) answers 429: exactly 10 000 are active.
    wrk -t1 -c4 -d10s -s "$sessions_lua" "http://127.0.0.1:$SERVICE_PORT" >"$RESULTS/wrk-sessions.txt"
    active=$(curl -sf "http://127.0.0.1:$SERVICE_PORT/api/v1/status" | sed -n 's/.*"activeSessions":\([0-9]*\).*/\1/p')
    heap_sessions=$(heap_mb "$service_pid")
    rss_sessions=$(rss_mb "$service_pid")
    stop "$service_pid"
    {
        echo "start.ready_ms=$(IFS=,; echo "${ready[*]}")"
        echo "start.ready_load=$(IFS=,; echo "${ready_loads[*]}")"
        echo "start.no_appcds_ready_load=$(IFS=,; echo "${ready_plain_loads[*]}")"
        echo "start.idle_rss_mb=$(IFS=,; echo "${rss[*]}")"
        echo "start.no_appcds_ready_ms=$(IFS=,; echo "${ready_plain[*]}")"
        echo "start.idle_seconds=$IDLE_SECONDS"
        echo "heap.example_mb=$heap_example"
        echo "heap.toolsets10k_mb=$heap_toolsets"
        echo "sessions.active=$active"
        echo "heap.toolsets10k_sessions10k_mb=$heap_sessions"
        echo "rss.toolsets10k_sessions10k_mb=$rss_sessions"
        echo "file.toolsets10k_bytes=$(stat -c %s "$big")"
    } >"$RESULTS/footprint.properties"
    end_part footprint
    cat "$RESULTS/footprint.properties"
fi

if part events; then
    log "events: apply → event at $EVENT_SUBSCRIBERS subscribers; a 304 against a full GET of 1 000 toolsets"
    small=$RESULTS/toolsets-events.yaml
    java -cp "$BENCH_JAR" org.toolsetconfig.benchmarks.ConfigFile 20 "$small"
    # Only the benchmark's POSTs apply: no watch, the slowest poll.
    TOOLSET_WATCH_ENABLED=false TOOLSET_POLL_INTERVAL_SECONDS=300 \
        start_service "$small" "$RESULTS/service-events.log"
    wait_ready "http://127.0.0.1:$SERVICE_PORT/readyz" "$(now_ms)" "$service_pid" >/dev/null
    {
        echo "events.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "events.load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
        echo "events.jvm_flags=$JVM_FLAGS"
        java -cp "$BENCH_JAR" org.toolsetconfig.benchmarks.EventFanOut "http://127.0.0.1:$SERVICE_PORT" "$small" \
            "$service_pid" "$EVENT_SUBSCRIBERS" "$EVENT_APPLIES"
    } >"$RESULTS/events.properties"
    stop "$service_pid"

    big=$RESULTS/toolsets-1k.yaml
    java -cp "$BENCH_JAR" org.toolsetconfig.benchmarks.ConfigFile 1000 "$big"
    start_service "$big" "$RESULTS/service-conditional.log"
    wait_ready "http://127.0.0.1:$SERVICE_PORT/readyz" "$(now_ms)" "$service_pid" >/dev/null
    service=http://127.0.0.1:$SERVICE_PORT
    etag=$(curl -sf -D - -o /dev/null "$service/api/v1/toolsets" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' | tr -d '\r')
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$service/api/v1/toolsets")
    [[ $status == 304 ]] || { echo "If-None-Match: $etag answered $status, not 304" >&2; exit 1; }
    conditional_lua=$RESULTS/if-none-match.lua
    printf 'wrk.headers["If-None-Match"] = %s\n' "'$etag'" >"$conditional_lua"
    WRK_SECONDS_MEASURED=$WRK_SECONDS
    WRK_SECONDS=$WARMUP_SECONDS
    run_wrk warm.full "$service/api/v1/toolsets"
    run_wrk warm.not_modified "$service/api/v1/toolsets" "$conditional_lua"
    WRK_SECONDS=$WRK_SECONDS_MEASURED
    for (( round = 1; round <= ROUNDS; round++ )); do
        run_wrk conditional.full "$service/api/v1/toolsets"
        run_wrk conditional.not_modified "$service/api/v1/toolsets" "$conditional_lua"
    done
    {
        echo "conditional.load_end=$(cut -d' ' -f1-3 /proc/loadavg)"
        echo "conditional.full_bytes=$(curl -sf "$service/api/v1/toolsets" | wc -c)"
        echo "conditional.wrk_options=-t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_SECONDS}s, $ROUNDS rounds"
        for key in conditional.full conditional.not_modified; do
            echo "$key.rps=${rps[$key]%,}"
            echo "$key.p99_ms=${p99[$key]%,}"
        done
    } >>"$RESULTS/events.properties"
    stop "$service_pid"
    cat "$RESULTS/events.properties"
    java -cp "$BENCH_JAR" org.toolsetconfig.benchmarks.EventsReport "$RESULTS/events.properties" "$DOC"
fi

if [[ $PARTS == *jmh* || $PARTS == *swaps* || $PARTS == *http* || $PARTS == *footprint* ]]; then
    java -cp "$BENCH_JAR" org.toolsetconfig.benchmarks.Report "$RESULTS" "$DOC"
fi
