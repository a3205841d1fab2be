#!/usr/bin/env bash
# Real-browser check of the Camunda Forms in Tasklist: starts the built app jar on port 8099 with an
# in-memory H2 database, waits for the engine REST API, runs e2e/tasklist-forms.mjs,
# e2e/feature-request-forms.mjs, e2e/metrics-dashboard.mjs, e2e/start-form-refusal.mjs, e2e/board.mjs and
# e2e/mail-failure.mjs, stops the app. The app's mail goes to e2e/smtp-sink.mjs, an SMTP server this
# script starts (port E2E_PORT+20000, control E2E_PORT+21000) and e2e/mail-failure.mjs stops and starts.
# Builds nothing: run `mvn -B -DskipTests package` first. Needs node + npm ci (playwright-core).
# Screenshots: target/e2e/*.png; app log: target/e2e/app.log.
#
# Environment: E2E_PORT (default 8099), E2E_START_TIMEOUT (seconds, default 120),
#   E2E_APP_ARGS (extra app arguments, split on blanks),
#   E2E_PROVISION_DEMO_USERS=1 (see tasklist-forms.mjs), E2E_JAR (another jar than target/'s), JAVA (default java).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$(date +%s)
port="${E2E_PORT:-8099}"
out=target/e2e
mkdir -p "$out"

jar="${E2E_JAR:-$(ls target/support-escalation-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)}"
if [[ -z "$jar" || ! -f "$jar" ]]; then
  echo "e2e: no app jar in target/ (build it first: mvn -B -DskipTests package)" >&2
  exit 1
fi

if [[ ! -x /usr/bin/chromium ]]; then
  echo "e2e: installing Debian's chromium"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
fi
if [[ ! -d node_modules/playwright-core ]]; then
  npm ci --no-audit --no-fund
fi

if curl -s -o /dev/null "http://localhost:${port}/"; then
  echo "e2e: port ${port} is already in use" >&2
  exit 1
fi

app_pid=""
sink_pid=""
workdir=""
summary=""
cleanup() {
  if [[ -n "$sink_pid" ]]; then kill "$sink_pid" 2>/dev/null || true; fi
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill -- "-$app_pid" 2>/dev/null || kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$app_pid" 2>/dev/null || break; sleep 1; done
    kill -9 -- "-$app_pid" 2>/dev/null || true
  fi
  if [[ -n "$workdir" ]]; then rm -rf "$workdir"; fi
  echo "e2e: run.sh took $(( $(date +%s) - started )) s"
  # the summary line once more, last, for whoever reads the closing line
  if [[ -n "$summary" ]]; then echo "$summary"; fi
}
trap cleanup EXIT

# Run a copy of the jar: a build writing target/*.jar meanwhile would break the running app's classes.
workdir=$(mktemp -d /tmp/e2e-app.XXXXXX)
cp "$jar" "$workdir/app.jar"

# The mail server the app sends to, which the mail-failure check stops and starts.
smtp_port=$(( port + 20000 ))
sink_control="http://127.0.0.1:$(( port + 21000 ))"
SMTP_SINK_PORT="$smtp_port" SMTP_SINK_CONTROL_PORT="$(( port + 21000 ))" node e2e/smtp-sink.mjs > "$out/smtp-sink.log" 2>&1 &
sink_pid=$!
for _ in $(seq 1 20); do curl -fs -o /dev/null "$sink_control/state" && break; sleep 0.5; done
curl -fs -o /dev/null "$sink_control/state" || { echo "e2e: the SMTP sink did not start:" >&2; cat "$out/smtp-sink.log" >&2; exit 1; }

# Extra app arguments, split on blanks (no globbing: they may hold regular expressions).
read -r -a extra_args <<< "${E2E_APP_ARGS:-}"
(cd "$workdir" && exec setsid "${JAVA:-java}" -jar app.jar \
  --server.port="$port" \
  '--spring.datasource.url=jdbc:h2:mem:e2e;DB_CLOSE_DELAY=-1' \
  --spring.mail.host=127.0.0.1 --spring.mail.port="$smtp_port" --notification.embedded-smtp.enabled=false \
  --notification.retry-cycle=R3/PT10S --operations.stuck-escalations.check-interval=PT5S \
  "${extra_args[@]}") > "$out/app.log" 2>&1 < /dev/null &
app_pid=$!

echo "e2e: started $jar (pid $app_pid, port $port), waiting for the engine"
start_timeout="${E2E_START_TIMEOUT:-120}"
deadline=$(( $(date +%s) + start_timeout ))
until curl -fs -u "${E2E_ADMIN_USER:-admin}:${E2E_ADMIN_PASSWORD:-admin}" -o /dev/null "http://localhost:${port}/engine-rest/engine"; do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "e2e: the app exited during start; last lines of $out/app.log:" >&2
    tail -n 40 "$out/app.log" >&2
    summary="e2e: 0 passed, 1 failed"
    exit 1
  fi
  if (( $(date +%s) > deadline )); then
    echo "e2e: the app was not ready within ${start_timeout} s; last lines of $out/app.log:" >&2
    tail -n 40 "$out/app.log" >&2
    summary="e2e: 0 passed, 1 failed"
    exit 1
  fi
  sleep 2
done
echo "e2e: app ready after $(( $(date +%s) - started )) s"

set +e
# Each script against the same app, in this order (mail-failure stops and starts the SMTP sink: it runs last).
# Each prints its own "e2e: N passed, M failed" last; the run's summary adds them up.
scripts=(tasklist-forms feature-request-forms metrics-dashboard start-form-refusal board mail-failure)
rc=0
logs=()
for script in "${scripts[@]}"; do
  log="$out/e2e-${script}.log"
  logs+=("$log")
  BASE_URL="http://localhost:${port}" SMTP_SINK_CONTROL="$sink_control" node "e2e/${script}.mjs" 2>&1 | tee "$log"
  rc_script=${PIPESTATUS[0]}
  [[ "$rc" -ne 0 ]] || rc=$rc_script
done
set -e
summary=$(cat "${logs[@]}" | grep -E '^e2e: [0-9]+ passed, [0-9]+ failed$' \
  | awk -v want="${#scripts[@]}" '{p += $2; f += $4; n++} END {if (n == want) printf "e2e: %d passed, %d failed\n", p, f}' || true)
if [[ -z "$summary" ]]; then summary="e2e: 0 passed, 1 failed"; [[ "$rc" -ne 0 ]] || rc=1; fi
echo "$summary"
exit "$rc"
