#!/usr/bin/env bash
# The service with a real Prometheus in the loop (Debian's prometheus package: prometheus, promtool):
#  1. the PrometheusRule is generated from the rule file; promtool check rules + test rules;
#  2. the built jar runs a scripted scenario on a ConfigMap-style directory while a real Prometheus
#     on 127.0.0.1 scrapes it every second with the alert rules loaded; the alerts are read back from
#     Prometheus' HTTP API as they go pending, firing and resolved;
#  3. promtool check metrics on a scrape taken after the scenario, every meter of MetricNames has
#     samples, every metric named by the Grafana dashboard and the alerts is in that scrape, and every
#     dashboard query runs on the real Prometheus with a result.
# Needs the jar (mvn -B -q package -DskipTests), java 17, prometheus, promtool, curl and jq.
# Everything it starts is stopped on exit; its files live in a temp dir that is removed.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${TOOLSET_JAR:-bootstrap/target/toolset-config-service.jar}
RULES=deploy/prometheus/toolset-config-alerts.yaml
RULE_TESTS=deploy/prometheus/toolset-config-alerts.test.yaml
DASHBOARD=deploy/grafana/toolset-config-dashboard.json
METRIC_NAMES=adapters-metrics/src/main/java/org/toolsetconfig/adapters/metrics/MetricNames.java
JOB=toolset-config-service
# The end-to-end run loads a copy of the rule file with every `for:` set to this, so a pending alert
# fires within seconds; the expressions, labels and annotations are the rule file's own.
E2E_FOR=3s

# `promtool check metrics` findings that are known and accepted, each for its reason; any other fails.
KNOWN_LINT=(
  # DESIGN.md §7 fixes this name: existing dashboards and alerts use holmesgpt_toolset_failure_count.
  'holmesgpt_toolset_failure_count non-histogram and non-summary metrics should not have "_count" suffix'
  # Micrometer's standard ProcessorMetrics binder names these two.
  'process_cpu_time_ns_total metric names should not contain abbreviated units'
  'system_cpu_count non-histogram and non-summary metrics should not have "_count" suffix'
)
# Meters of MetricNames that a running service cannot show: a failed startup probe stops the
# service before /metrics serves, so this counter never has a sample on a scrape of the jar.
UNSCRAPABLE_METERS=(holmesgpt_startup_validation_failures_total)
# Meters only the Kubernetes API source registers (TOOLSET_SOURCE=kubernetes); this scenario runs the
# file source, and KubernetesSourceTest scrapes them from the service against a mock API server.
API_SOURCE_METERS=(holmesgpt_config_source_connected holmesgpt_config_source_reconnects_total)

PASSED=0
FAILED=0
WORK=$(mktemp -d)
SERVICE_PID=""
PROMETHEUS_PID=""
TIMELINE=()

now() { date -u +%H:%M:%S.%3NZ; }
say() { printf '%s %s\n' "$(now)" "$*"; }
pass() { PASSED=$((PASSED + 1)); say "ok - $*"; }
fail() {
  FAILED=$((FAILED + 1))
  say "FAIL - $*" >&2
  exit 1
}

# Ends a process started here: SIGTERM, up to 15 s, then SIGKILL.
stop() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  [[ -n "$SERVICE_PID" ]] && stop "$SERVICE_PID"
  [[ -n "$PROMETHEUS_PID" ]] && stop "$PROMETHEUS_PID"
  if [[ $rc -ne 0 ]]; then
    for log in service.log prometheus.log; do
      [[ -f "$WORK/$log" ]] && { echo "--- last lines of $log"; tail -n 30 "$WORK/$log"; }
    done
    [[ $FAILED -eq 0 ]] && FAILED=1
  fi
  rm -rf "$WORK"
  if [[ ${#TIMELINE[@]} -gt 0 ]]; then
    echo "Alert states seen through Prometheus' /api/v1/alerts (e2e rules: for: $E2E_FOR):"
    printf '  %s\n' "${TIMELINE[@]}"
  fi
  echo "prometheus-checks: $PASSED passed, $FAILED failed"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Polls `condition` (a command) every 0.2 s until it succeeds; fails after `bound` seconds.
await() {
  local bound=$1 what=$2
  shift 2
  local deadline=$((SECONDS + bound))
  until "$@"; do
    ((SECONDS < deadline)) || fail "waited ${bound}s for $what"
    sleep 0.2
  done
}

for tool in java prometheus promtool curl jq; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install -y prometheus curl jq)"
done
[[ -f "$JAR" ]] || fail "no jar at $JAR: build it with mvn -B -q package -DskipTests"
say "$(prometheus --version 2>&1 | head -n 1)"

# --- 1. The rule file, its unit tests and the PrometheusRule -------------------------------------
scripts/generate-prometheusrule.sh --check >/dev/null || fail "deploy/kubernetes/overlays/prometheus-operator/prometheusrule.yaml is not generated from $RULES"
pass "deploy/kubernetes/overlays/prometheus-operator/prometheusrule.yaml is generated from $RULES"
promtool check rules "$RULES" || fail "promtool check rules $RULES"
pass "promtool check rules $RULES"
promtool test rules "$RULE_TESTS" || fail "promtool test rules $RULE_TESTS"
pass "promtool test rules $RULE_TESTS"

# --- 2. A real Prometheus and the running jar ----------------------------------------------------
http() { curl -fsS --max-time 5 "$@"; }

sed -E "s/^([[:space:]]*for:).*/\1 $E2E_FOR/" "$RULES" >"$WORK/alerts-e2e.yaml"
echo '[]' >"$WORK/targets.json"
cat >"$WORK/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 900ms
  evaluation_interval: 1s
rule_files:
  - $WORK/alerts-e2e.yaml
scrape_configs:
  # The service's port is known only once it has started: file service discovery, written then.
  - job_name: $JOB
    metrics_path: /metrics
    file_sd_configs:
      - files: [$WORK/targets.json]
EOF
promtool check config "$WORK/prometheus.yml" >/dev/null || fail "promtool check config"

free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}
prometheus_ready() {
  kill -0 "$PROMETHEUS_PID" 2>/dev/null || return 2
  http "$PROM/-/ready" >/dev/null 2>&1
}
for attempt in 1 2 3 4 5; do
  PROM_PORT=$(free_port) || fail "no free port for Prometheus"
  PROM="http://127.0.0.1:$PROM_PORT"
  prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
    --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
  PROMETHEUS_PID=$!
  deadline=$((SECONDS + 30))
  while :; do
    status=0
    prometheus_ready || status=$?
    [[ $status -eq 0 ]] && break
    [[ $status -eq 2 || $SECONDS -ge $deadline ]] && break
    sleep 0.2
  done
  [[ $status -eq 0 ]] && break
  stop "$PROMETHEUS_PID"
  PROMETHEUS_PID=""
  say "Prometheus did not start on port $PROM_PORT (attempt $attempt): $(tail -n 1 "$WORK/prometheus.log")"
done
[[ -n "$PROMETHEUS_PID" ]] || fail "Prometheus did not start"
pass "Prometheus $PROM ready, data in a temp dir, alerts loaded from a copy of $RULES with for: $E2E_FOR"

# alert_field NAME TOOLSET FIELD: FIELD of the alert NAME (for that toolset; "" = any) as Prometheus reports it.
alert_field() {
  http "$PROM/api/v1/alerts" | jq -r --arg name "$1" --arg toolset "$2" --arg field "$3" '
    [.data.alerts[] | select(.labels.alertname == $name and ($toolset == "" or .labels.toolset == $toolset))]
    | if length == 0 then "inactive" else (.[0] | getpath($field | split("."))) // "" end'
}
# seen NAME TOOLSET STATES: true when the alert's state is one of STATES (a regex); records it.
seen() {
  local state
  state=$(alert_field "$1" "$2" state) || return 1
  [[ "$state" =~ ^($3)$ ]] || return 1
  local shown
  if [[ "$state" == inactive ]]; then
    shown="resolved (gone from /api/v1/alerts)"
  else
    shown="$state (activeAt $(alert_field "$1" "$2" activeAt))"
  fi
  TIMELINE+=("$(now) $1${2:+{toolset=\"$2\"\}} $shown")
  say "$1${2:+ $2}: $shown"
}
await_alert() { # NAME TOOLSET STATES BOUND
  await "$4" "$1${2:+ $2} to be $3" seen "$1" "$2" "$3"
}

await_alert ToolsetConfigServiceAbsent "" "pending|firing" 15
await_alert ToolsetConfigServiceAbsent "" "firing" 15

# A ConfigMap volume written as kubelet does (DESIGN.md §6): payload in a new ..<timestamp> dir, a
# ..data_tmp symlink renamed over ..data, toolsets.yaml -> ..data/toolsets.yaml, old dir removed.
CONFIG_DIR="$WORK/toolsets"
mkdir -p "$CONFIG_DIR"
configmap_update() {
  local payload="$CONFIG_DIR/..$(date -u +%Y_%m_%d_%H_%M_%S).$RANDOM$RANDOM" old=""
  mkdir "$payload"
  printf '%s' "$1" >"$payload/toolsets.yaml"
  [[ -L "$CONFIG_DIR/..data" ]] && old=$(readlink "$CONFIG_DIR/..data")
  ln -s "$(basename "$payload")" "$CONFIG_DIR/..data_tmp"
  mv -T "$CONFIG_DIR/..data_tmp" "$CONFIG_DIR/..data"
  [[ -L "$CONFIG_DIR/toolsets.yaml" ]] || ln -s ..data/toolsets.yaml "$CONFIG_DIR/toolsets.yaml"
  if [[ -n "$old" ]]; then rm -rf "${CONFIG_DIR:?}/$old"; fi
}
# prometheus/local is probed at startup against the real Prometheus (a query of its API).
CONFIG_BROKEN="discovered:
  - name: kubernetes/core
    enabled: true
  - name: prometheus/local
    enabled: true
    endpoint: $PROM
  - name: prometheus/metrics
    enabled: false
    endpoint: $PROM
"
CONFIG_FIXED=${CONFIG_BROKEN/enabled: false/enabled: true}
CONFIG_INVALID="discovered:
  - name: [kubernetes/core
"
CONFIG_MORE="${CONFIG_FIXED}  - name: grafana/loki
    enabled: true
"
configmap_update "$CONFIG_BROKEN"

# Only PATH and these settings, so no TOOLSET_* of the caller leaks in. A 3 s debounce leaves room
# for a manual reload to see a change before the watcher does.
env -i PATH="$PATH" \
  TOOLSET_CONFIG_PATH="$CONFIG_DIR/toolsets.yaml" TOOLSET_HTTP_HOST=127.0.0.1 TOOLSET_HTTP_PORT=0 \
  TOOLSET_MAX_FAILURES_BEFORE_RELOAD=3 TOOLSET_RELOAD_COOLDOWN_SECONDS=2 TOOLSET_WATCH_DEBOUNCE_MILLIS=3000 \
  TOOLSET_LOG_FORMAT=text \
  java -jar "$JAR" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
service_started() {
  kill -0 "$SERVICE_PID" 2>/dev/null || fail "the service exited: $(tail -n 5 "$WORK/service.log")"
  grep -qE 'toolset_config_service_started .*\bport=[0-9]+' "$WORK/service.log"
}
await 60 "the service's startup line" service_started
SERVICE_PORT=$(grep -oE 'toolset_config_service_started .*\bport=[0-9]+' "$WORK/service.log" | grep -oE '[0-9]+$' | head -n 1)
SERVICE="http://127.0.0.1:$SERVICE_PORT"
pass "service started on $SERVICE (pid $SERVICE_PID), its startup probe of prometheus/local queried the real Prometheus"

printf '[{"targets": ["127.0.0.1:%s"]}]\n' "$SERVICE_PORT" >"$WORK/targets.json.tmp"
mv "$WORK/targets.json.tmp" "$WORK/targets.json"
target_up() {
  [[ $(http "$PROM/api/v1/query" --data-urlencode "query=up{job=\"$JOB\"}" | jq -r '.data.result[0].value[1] // ""') == 1 ]]
}
await 30 "Prometheus to scrape the service (up == 1)" target_up
pass "Prometheus scrapes the service every second"
await_alert ToolsetConfigServiceAbsent "" inactive 15

post() { http -X "$1" -H 'Content-Type: application/json' "$SERVICE$2" ${3:+-d "$3"}; }
failure() { post POST "/api/v1/toolsets/$1/failures" '{"errorType":"ConnectionError","errorMessage":"connection refused"}'; }
expect() { # JSON JQ-FILTER WHAT
  jq -e "$2" <<<"$1" >/dev/null || fail "$3: $1"
}

# One forced re-check of grafana/loki: an auto-reload, not a repetition.
for _ in 1 2; do failure grafana/loki >/dev/null; done
expect "$(failure grafana/loki)" '.reload.attempted and .reload.result == "config_unchanged"' \
  "the third failure of grafana/loki forces a re-check"
# prometheus/metrics is disabled in the ConfigMap: its failures reach the threshold again and again.
for _ in 1 2; do failure prometheus/metrics >/dev/null; done
expect "$(failure prometheus/metrics)" '.consecutiveFailures == 3 and .reload.attempted and .reload.result == "config_unchanged"' \
  "the third failure of prometheus/metrics forces a re-check"
expect "$(failure prometheus/metrics)" '.reload.blockedByCooldown' "the fourth failure falls inside the 2 s cooldown"
pass "failures past the threshold: a forced re-check found the ConfigMap unchanged, the next failure was blocked by the cooldown"
second_unchanged() {
  failure prometheus/metrics | jq -e '.reload.attempted and .reload.result == "config_unchanged"' >/dev/null
}
await 15 "a second forced re-check after the cooldown" second_unchanged
pass "after the cooldown a second forced re-check of prometheus/metrics found the ConfigMap unchanged"

await_alert ToolsetConfigUnchangedRepeatedly prometheus/metrics "pending|firing" 30
await_alert ToolsetConfigUnchangedRepeatedly prometheus/metrics firing 30
[[ $(alert_field ToolsetConfigUnchangedRepeatedly prometheus/metrics labels.severity) == warning ]] \
  || fail "ToolsetConfigUnchangedRepeatedly has severity warning"
[[ $(alert_field ToolsetConfigUnchangedRepeatedly prometheus/metrics annotations.summary) \
  == "Toolset prometheus/metrics keeps failing and its config has not changed" ]] || fail "the summary names the toolset"
[[ $(alert_field ToolsetConfigUnchangedRepeatedly prometheus/metrics annotations.runbook) \
  == "Check the toolset's lastErrorType and lastErrorMessage with GET /api/v1/toolsets/prometheus/metrics,"* ]] \
  || fail "the runbook says what to check"
[[ $(alert_field ToolsetConfigUnchangedRepeatedly grafana/loki state) == inactive ]] \
  || fail "one unchanged re-check of grafana/loki is not a repetition"
seen ToolsetAutoReloadTriggered prometheus/metrics firing || fail "ToolsetAutoReloadTriggered fires for prometheus/metrics"
seen ToolsetAutoReloadTriggered grafana/loki firing || fail "ToolsetAutoReloadTriggered fires for grafana/loki"
pass "Prometheus fires ToolsetConfigUnchangedRepeatedly{toolset=prometheus/metrics} (severity, summary, runbook) and not for grafana/loki"

# An investigation is running when the operator fixes the ConfigMap: the change waits (pending).
post PUT /api/v1/sessions/investigation-1 >/dev/null
configmap_update "$CONFIG_FIXED"
change_pending() { http "$SERVICE/api/v1/status" | jq -e '.pending != null' >/dev/null; }
await 20 "the watcher to see the fixed ConfigMap (pending behind the session)" change_pending
pass "the fixed ConfigMap (atomic ..data swap) is valid and pending behind investigation-1"
await_alert ToolsetConfigReloadPendingTooLong "" "pending|firing" 30
await_alert ToolsetConfigReloadPendingTooLong "" firing 30
[[ $(alert_field ToolsetConfigUnchangedRepeatedly prometheus/metrics state) == firing ]] \
  || fail "a pending fix does not heal: the failing definition is still active"

post DELETE /api/v1/sessions/investigation-1 >/dev/null
healed() {
  http "$SERVICE/api/v1/toolsets/prometheus/metrics" \
    | jq -e '.toolset.enabled and .failures.consecutiveFailures == 0' >/dev/null
}
await 15 "prometheus/metrics to be active with no consecutive failure" healed
pass "the last session ended: the fix is applied, prometheus/metrics is enabled and its consecutive count is 0"
await_alert ToolsetConfigUnchangedRepeatedly prometheus/metrics inactive 30
await_alert ToolsetConfigReloadPendingTooLong "" inactive 30
pass "Prometheus resolves ToolsetConfigUnchangedRepeatedly and ToolsetConfigReloadPendingTooLong"
post POST /api/v1/toolsets/prometheus/metrics/successes >/dev/null

# A broken ConfigMap: the watcher's re-check fails validation, the last valid config stays.
configmap_update "$CONFIG_INVALID"
await_alert ToolsetConfigLastReloadFailed "" "pending|firing" 30
await_alert ToolsetConfigLastReloadFailed "" firing 30
[[ $(alert_field ToolsetConfigLastReloadFailed "" labels.instance) == "127.0.0.1:$SERVICE_PORT" ]] \
  || fail "ToolsetConfigLastReloadFailed names the instance"
# A valid change, re-checked by hand before the watcher's debounce ends.
configmap_update "$CONFIG_MORE"
manual=$(post POST /api/v1/reload)
expect "$manual" '.result == "config_changed" and .applied == "now"' "a manual reload applies the valid change"
pass "a manual reload applied the new ConfigMap (generation $(jq -r .generation <<<"$manual"))"
await_alert ToolsetConfigLastReloadFailed "" inactive 30
pass "Prometheus fired ToolsetConfigLastReloadFailed for the invalid ConfigMap and resolved it after the fix"

# --- 3. The exposition, the meters, the dashboard -------------------------------------------------
http "$SERVICE/metrics" >"$WORK/scrape.txt"
lint_rc=0
promtool check metrics <"$WORK/scrape.txt" >"$WORK/lint.txt" 2>&1 || lint_rc=$?
unknown=$(grep -vxF -f <(printf '%s\n' "${KNOWN_LINT[@]}") "$WORK/lint.txt" || true)
[[ -z "$unknown" ]] || fail "promtool check metrics (exit $lint_rc) found:
$unknown"
pass "promtool check metrics on a scrape of the jar: nothing but the ${#KNOWN_LINT[@]} accepted findings ($(wc -l <"$WORK/lint.txt") reported, exit $lint_rc)"

grep -v '^#' "$WORK/scrape.txt" | sed -E 's/[{ ].*//' | grep . | sort -u >"$WORK/samples.txt"
has_samples() { # FAMILY: a sample named FAMILY or one of its histogram/summary series
  grep -qxE "$1(_bucket|_sum|_count)?" "$WORK/samples.txt"
}
missing=()
meters=0
for family in $(grep -oE '\{@code holmesgpt_[a-z_]+' "$METRIC_NAMES" | sed 's/{@code //' | sort -u); do
  meters=$((meters + 1))
  [[ " ${UNSCRAPABLE_METERS[*]} ${API_SOURCE_METERS[*]} " == *" $family "* ]] && continue
  has_samples "$family" || missing+=("$family")
done
[[ ${#missing[@]} -eq 0 ]] || fail "meters of MetricNames without a sample after the scenario: ${missing[*]}"
pass "$((meters - ${#UNSCRAPABLE_METERS[@]} - ${#API_SOURCE_METERS[@]})) of the $meters meters of MetricNames have samples (${UNSCRAPABLE_METERS[*]} only exists after a failed startup; ${API_SOURCE_METERS[*]} only with the API source)"

# The metric names of a PromQL expression (stdin): strings, label matchers, ranges, numbers,
# grouping clauses, functions and keywords removed.
metric_names() {
  sed -E 's/"([^"\\]|\\.)*"//g; s/\{[^}]*\}//g; s/\[[^]]*\]//g; s/\b[0-9][0-9A-Za-z.]*//g;
          s/\b(by|without|on|ignoring|group_left|group_right)[[:space:]]*\([^)]*\)//g' \
    | grep -oE '[A-Za-z_:][A-Za-z0-9_:]*[[:space:]]*\(?' | grep -v '($' | sed -E 's/[[:space:]]+//g' \
    | grep -vxE 'and|or|unless|bool|offset|inf|nan|Inf|NaN' | sort -u || true
}
jq -e '[.panels[] | .targets[]? | .expr] | length > 0' "$DASHBOARD" >/dev/null || fail "$DASHBOARD has panel queries"
jq -e '[.panels[] | select((.targets // []) | length == 0)] | length == 0' "$DASHBOARD" >/dev/null \
  || fail "every panel of $DASHBOARD has a query"
jq -e '([.panels[].id] | length == (unique | length))
       and all(.panels[]; .datasource.uid == "${datasource}" and all(.targets[]; .datasource.uid == "${datasource}"))' \
  "$DASHBOARD" >/dev/null || fail "every panel of $DASHBOARD has its own id and reads the \${datasource} variable"
dashboard_names=$(jq -r '.panels[].targets[].expr' "$DASHBOARD" | metric_names)
for name in $dashboard_names; do
  grep -qxF "$name" "$WORK/samples.txt" || fail "$DASHBOARD names $name, which the service does not export"
done
pass "the $(wc -w <<<"$dashboard_names") metric names in the $(jq '[.panels[].targets[]] | length' "$DASHBOARD") dashboard queries are all in the scrape"
rule_names=$(http "$PROM/api/v1/rules" | jq -r '.data.groups[].rules[].query' | metric_names | grep -vx up || true)
for name in $rule_names; do
  grep -qxF "$name" "$WORK/samples.txt" || fail "an alert names $name, which the service does not export"
done
pass "the $(wc -w <<<"$rule_names") metric names in the alert expressions (besides up) are all in the scrape"

while IFS= read -r expr; do
  query=${expr//\$__rate_interval/1m}
  query=${query//\$job/$JOB}
  answer=$(http "$PROM/api/v1/query" --data-urlencode "query=$query") || fail "Prometheus refused the dashboard query: $expr"
  jq -e '.status == "success" and (.data.result | length > 0)' <<<"$answer" >/dev/null \
    || fail "the dashboard query has no result on the live data: $expr"
done < <(jq -r '.panels[].targets[].expr' "$DASHBOARD")
pass "every dashboard query runs on the real Prometheus and returns series"

# --- 4. The service goes down -------------------------------------------------------------------
kill -TERM "$SERVICE_PID"
wait "$SERVICE_PID" && exit_code=0 || exit_code=$?
SERVICE_PID=""
[[ $exit_code -eq 0 ]] || fail "the service exits 0 on SIGTERM (got $exit_code)"
await_alert ToolsetConfigServiceDown "" "pending|firing" 30
await_alert ToolsetConfigServiceDown "" firing 30
pass "after SIGTERM (exit 0) Prometheus fires ToolsetConfigServiceDown"
