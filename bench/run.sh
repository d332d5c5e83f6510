#!/usr/bin/env bash
# Load benchmark of the engagement list and an engagement page, as a coordinator and as an expert,
# on the large SQLite dataset, with wrk on loopback after a warm-up. Prints a Markdown table and the
# app's resident memory after the run. Usage: bench/run.sh [--regenerate] [--duration 30s] [--connections 32] [--only TEXT]
# (--only runs the requests whose name contains TEXT, e.g. --only self-check)
# Needs: wrk (apt-get install wrk), curl. See bench/README.md; figures go to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
DURATION=30s; CONNECTIONS=32; REGENERATE=0; ONLY=""; PORT=${BENCH_PORT:-5090}
while (($#)); do
  case "$1" in
    --regenerate) REGENERATE=1 ;;
    --duration) DURATION=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --only) ONLY=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
OUT=bench/out; mkdir -p $OUT
DB=$OUT/bench.db

echo "::: publish (Release)"
dotnet publish src/Mamori.Web -c Release -o $OUT/app -v q --nologo >/dev/null
if [ $REGENERATE = 1 ] || [ ! -f $DB ]; then
  echo "::: generate dataset"
  dotnet run -c Release --project bench/Mamori.Bench -- --db $DB
fi
# shellcheck disable=SC1091
source $OUT/bench-ids.env

# Every run starts from the generated dataset: the submit rows add thousands of diagnoses per run, and a database
# that grows from run to run makes later runs slower (seen: 140 MB -> 557 MB after four runs).
rm -f $OUT/bench-run.db $OUT/bench-run.db-wal $OUT/bench-run.db-shm
# Copied with SQLite's backup API, not cp: the generator's last writes (the benchmark accounts among them) may still be
# in bench.db-wal, which a plain copy of bench.db would leave behind.
python3 -c 'import sqlite3, sys; src = sqlite3.connect(sys.argv[1]); dst = sqlite3.connect(sys.argv[2]); src.backup(dst); dst.close(); src.close()' \
  "$DB" "$OUT/bench-run.db"

echo "::: start app on 127.0.0.1:$PORT"
( cd $OUT/app && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:$PORT \
    Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$PWD/../bench-run.db" \
    Security__HttpsOnly=false DataProtection__AllowUnencryptedKeys=true Security__LoginAttemptsPerMinute=1000 Security__SelfCheckPostsPerMinute=100000000 \
    Logging__LogLevel__Default=Warning \
    exec dotnet Mamori.Web.dll ) > $OUT/app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:$PORT/ && break; sleep 0.5; done
curl -sf -o /dev/null http://127.0.0.1:$PORT/ || { echo "the app did not start; see $OUT/app.log" >&2; tail -20 $OUT/app.log >&2; exit 1; }

login() { # user -> prints a Cookie header value
  local jar; jar=$(mktemp)
  local token; token=$(curl -s -c "$jar" -b "$jar" http://127.0.0.1:$PORT/Account/Login | grep -o '<input name="__RequestVerificationToken"[^>]*>' | head -1 | sed 's/.*value="//;s/".*//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.UserName=$1" --data-urlencode "Input.Password=$BENCH_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" http://127.0.0.1:$PORT/Account/Login
  awk '$6=="mamori" {printf "mamori=%s", $7}' "$jar"
  rm -f "$jar"
}
declare -a NAMES URLS USERS SCRIPTS
add() { [[ -z "$ONLY" || "$1" == *"$ONLY"* ]] || return 0; NAMES+=("$1"); URLS+=("$2"); USERS+=("$3"); SCRIPTS+=("${4:-}"); }

# The public self-check's submit: one full answer set (every question of a China base), posted with a valid
# antiforgery cookie and token; each request stores a new diagnosis and answers 302 to its result.
selfcheck_post_script() {
  local jar; jar=$(mktemp)
  curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/SelfCheck/Answer?c=CN&n_CN=120" > $OUT/selfcheck.html
  python3 bench/selfcheck_post.py "$OUT/selfcheck.html" "$jar" > $OUT/selfcheck-post.lua
  rm -f "$jar"
}
add "list, coordinator (year+country+status filter, page 2)" "/Engagements?year=$BENCH_LIST_YEAR&country=CN&status=Completed&p=2" "$BENCH_COORDINATOR"
add "list, coordinator (all years, sorted by hours, page 40)" "/Engagements?sort=-hours&p=40" "$BENCH_COORDINATOR"
add "list, expert (own engagements, page 3)" "/Engagements?p=3" "$BENCH_EXPERT"
add "engagement page, coordinator" "/Engagements/Details/$BENCH_ENGAGEMENT" "$BENCH_COORDINATOR"
add "engagement page, expert" "/Engagements/Details/$BENCH_EXPERT_ENGAGEMENT" "$BENCH_EXPERT"
add "self-check questions page, anonymous (China base)" "/SelfCheck/Answer?c=CN&n_CN=120" ""
add "self-check submit, anonymous (full answer set)" "/SelfCheck/Answer" "" "$OUT/selfcheck-post.lua"
selfcheck_post_script

echo "::: warm-up: every request for 60 s, so tiered JIT settles before anything is measured"
for i in "${!URLS[@]}"; do
  cookie=""; [ -z "${USERS[$i]}" ] || cookie=$(login "${USERS[$i]}")
  wrk -t2 -c"$CONNECTIONS" -d12s ${SCRIPTS[$i]:+-s ${SCRIPTS[$i]}} ${cookie:+-H "Cookie: $cookie"} "http://127.0.0.1:$PORT${URLS[$i]}" >/dev/null
done

echo
echo "| request | req/s | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---:|"
for i in "${!URLS[@]}"; do
  # A fresh sign-in per run: wrk replays one cookie and never takes the renewed one a browser would, so
  # after the 1-minute security-stamp interval every request would re-validate the account (a browser
  # does that once a minute). Warm-up plus run stay under that minute.
  cookie=""
  if [ -n "${USERS[$i]}" ]; then
    cookie=$(login "${USERS[$i]}")
    [ -n "$cookie" ] || { echo "login as ${USERS[$i]} failed" >&2; exit 1; }
  fi
  if [ -z "${SCRIPTS[$i]}" ]; then
    code=$(curl -s -o /dev/null -w '%{http_code}' ${cookie:+-H "Cookie: $cookie"} "http://127.0.0.1:$PORT${URLS[$i]}")
    [ "$code" = 200 ] || { echo "${URLS[$i]} answered $code" >&2; exit 1; }
  fi
  wrk -t2 -c"$CONNECTIONS" -d5s ${SCRIPTS[$i]:+-s ${SCRIPTS[$i]}} ${cookie:+-H "Cookie: $cookie"} "http://127.0.0.1:$PORT${URLS[$i]}" >/dev/null
  r=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency ${SCRIPTS[$i]:+-s ${SCRIPTS[$i]}} ${cookie:+-H "Cookie: $cookie"} "http://127.0.0.1:$PORT${URLS[$i]}")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$r")
  p50=$(awk '$1=="50%" {print $2}' <<<"$r")
  p99=$(awk '$1=="99%" {print $2}' <<<"$r")
  errs=$(awk '/Non-2xx or 3xx/ {print $5}' <<<"$r"); errs=${errs:-0}
  sock=$(awk '/Socket errors/ {print $0}' <<<"$r")
  echo "| ${NAMES[$i]} | $rps | $p50 | $p99 | $errs${sock:+ ($sock)} |"
done
echo
rss=$(awk '/VmRSS/ {print $2}' /proc/$APP/status 2>/dev/null || echo 0)
echo "app resident memory after the run: $((rss / 1024)) MB (VmRSS)"
echo "dataset: $(sqlite3 $DB 'select count(*) from FiscalYears' 2>/dev/null || echo '?') years, \
$(sqlite3 $DB 'select count(*) from Companies' 2>/dev/null || echo '?') companies, \
$(sqlite3 $DB 'select count(*) from Engagements' 2>/dev/null || echo '?') engagements, \
$(sqlite3 $DB 'select count(*) from Sessions' 2>/dev/null || echo '?') sessions"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%d GB", $2/1024/1024}' /proc/meminfo); $(dotnet --version) SDK; $(wrk -v 2>&1 | head -1)"
