#!/usr/bin/env bash
# Load benchmark of the engagement list and an engagement page, as a coordinator and as an expert, and of the public
# self-check, on a large generated dataset, with wrk on loopback after a warm-up. Prints a Markdown table and the
# app's resident memory after the run. Needs: wrk (apt-get install wrk), curl, sqlite3; for --postgres, PostgreSQL's
# server binaries (/usr/lib/postgresql/*/bin) and root or sudo. See bench/README.md; figures go to docs/benchmarks.md.
# Usage: bench/run.sh [options]
#   --duration 30s       measured time per request            --connections 32   wrk connections
#   --warmup 12          warm-up seconds per request          --only TEXT        only the requests whose name contains TEXT
#   --regenerate         rebuild the dataset first (SQLite; PostgreSQL's is always generated afresh)
#   --small              a quick dataset: 4 years, 500 companies, 1,200 engagements, 6,000 sessions
#   --years N --companies N --engagements N --sessions N     dataset size (default 20, 5000, 20000, 300000)
#   --postgres           measure on PostgreSQL: a throwaway cluster under /tmp, removed on exit
#   --gc workstation|server   the app's garbage collector (default: none set, i.e. what the app ships, Server GC)
set -euo pipefail
cd "$(dirname "$0")/.."
# No build server or MSBuild nodes left behind on a shared machine.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1
COMMAND="bench/run.sh $*"
DURATION=30s; CONNECTIONS=32; WARMUP=12; REGENERATE=0; ONLY=""; PORT=${BENCH_PORT:-5090}; POSTGRES=0; GC=""
YEARS=20; COMPANIES=5000; ENGAGEMENTS=20000; SESSIONS=300000
while (($#)); do
  case "$1" in
    --regenerate) REGENERATE=1 ;;
    --duration) DURATION=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --only) ONLY=$2; shift ;;
    --small) YEARS=4; COMPANIES=500; ENGAGEMENTS=1200; SESSIONS=6000 ;;
    --years) YEARS=$2; shift ;;
    --companies) COMPANIES=$2; shift ;;
    --engagements) ENGAGEMENTS=$2; shift ;;
    --sessions) SESSIONS=$2; shift ;;
    --postgres) POSTGRES=1 ;;
    --gc)
      case "$2" in workstation|server) GC=$2 ;; *) echo "--gc takes workstation or server" >&2; exit 2 ;; esac
      shift ;;
    *) echo "unknown option $1 (see the top of bench/run.sh)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "--warmup takes whole seconds, e.g. --warmup 12" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
OUT=bench/out; mkdir -p $OUT
SIZE=(--years "$YEARS" --companies "$COMPANIES" --engagements "$ENGAGEMENTS" --sessions "$SESSIONS")
# The full-size dataset keeps its old name; other sizes get their own file, so a quick run never replaces it.
if [ "$YEARS/$COMPANIES/$ENGAGEMENTS/$SESSIONS" = 20/5000/20000/300000 ]; then NAME=bench; else NAME="bench-${YEARS}y-${COMPANIES}c-${ENGAGEMENTS}e-${SESSIONS}s"; fi

APP=""; PGROOT=""; DB=""
cleanup() {
  [ -z "$APP" ] || kill "$APP" 2>/dev/null || true
  if [ -n "$PGROOT" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PGROOT"
  fi
}
trap cleanup EXIT

echo "::: publish (Release)"
dotnet publish src/Mamori.Web -c Release -o $OUT/app -v q --nologo -nodeReuse:false >/dev/null

if [ $POSTGRES = 1 ]; then
  # The same kind of throwaway server scripts/test.sh starts: its own cluster under /tmp, loopback only, on a free port
  # away from any other PostgreSQL here, fsync off (it is thrown away; this makes writes cheaper than on a real
  # server, which matters for the self-check submit row only). Never a system cluster.
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; else $SUDO runuser -u postgres -- "$@"; fi; }
  PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
  port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
  PGPORT=$((56000 + RANDOM % 1000)); until port_free $PGPORT; do PGPORT=$((56000 + RANDOM % 1000)); done
  PGROOT=$(mktemp -d /tmp/mamori-bench-pg-XXXXXX)
  chown postgres:postgres "$PGROOT" 2>/dev/null || $SUDO chown postgres:postgres "$PGROOT"
  echo "::: PostgreSQL: throwaway cluster in $PGROOT on 127.0.0.1:$PGPORT"
  as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$PGROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p $PGPORT -U postgres mamori_bench
  PGCONN="Host=127.0.0.1;Port=$PGPORT;Database=mamori_bench;Username=postgres"
  IDS=$OUT/$NAME-postgres-ids.env
  # Generated on every run (the cluster lives only as long as the run), by the same generator and seed as SQLite's file.
  echo "::: generate dataset in PostgreSQL"
  dotnet run -c Release --project bench/Mamori.Bench -- --provider Postgres --connection "$PGCONN" --out $IDS "${SIZE[@]}"
  DB_ENV=(Database__Provider=Postgres "ConnectionStrings__Default=$PGCONN")
  DB_LABEL="PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') (throwaway cluster, fsync off)"
else
  DB=$OUT/$NAME.db
  IDS=$OUT/$NAME-ids.env
  if [ $REGENERATE = 1 ] || [ ! -f $DB ] || [ ! -f $IDS ]; then
    echo "::: generate dataset"
    dotnet run -c Release --project bench/Mamori.Bench -- --db $DB --out $IDS "${SIZE[@]}"
  fi

  # Every run starts from the generated dataset: the submit rows add thousands of diagnoses per run, and a database
  # that grows from run to run makes later runs slower (seen: 140 MB -> 557 MB after four runs).
  rm -f $OUT/bench-run.db $OUT/bench-run.db-wal $OUT/bench-run.db-shm
  # Copied with SQLite's backup API, not cp: the generator's last writes (the benchmark accounts among them) may still be
  # in bench.db-wal, which a plain copy of bench.db would leave behind.
  python3 -c 'import sqlite3, sys; src = sqlite3.connect(sys.argv[1]); dst = sqlite3.connect(sys.argv[2]); src.backup(dst); dst.close(); src.close()' \
    "$DB" "$OUT/bench-run.db"
  DB_ENV=(Database__Provider=Sqlite "ConnectionStrings__Default=Data Source=$PWD/$OUT/bench-run.db")
  DB_LABEL="SQLite (a fresh copy of $DB)"
fi
# shellcheck disable=SC1090
source $IDS
[ -n "${BENCH_TOTP_KEY:-}" ] || { echo "$IDS comes from a generator before two-factor sign-in: run with --regenerate" >&2; exit 1; }
rm -f $OUT/jar-*

# The GC the app ships is what DOTNET_gcServer unset gives (Server GC); --gc chooses one explicitly, so the README's
# note that workstation GC trades throughput for a smaller resident set can be measured (docs/benchmarks.md).
GC_ENV=(-u DOTNET_gcServer)
case "$GC" in
  workstation) GC_ENV=(DOTNET_gcServer=0) ;;
  server) GC_ENV=(DOTNET_gcServer=1) ;;
esac

echo "::: start app on 127.0.0.1:$PORT"
( cd $OUT/app && exec env "${GC_ENV[@]}" "${DB_ENV[@]}" ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:$PORT \
    Security__HttpsOnly=false DataProtection__AllowUnencryptedKeys=true Security__LoginAttemptsPerMinute=1000 Security__SelfCheckPostsPerMinute=100000000 \
    Logging__LogLevel__Default=Warning \
    dotnet Mamori.Web.dll ) > $OUT/app.log 2>&1 &
APP=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:$PORT/ && break; sleep 0.5; done
curl -sf -o /dev/null http://127.0.0.1:$PORT/ || { echo "the app did not start; see $OUT/app.log" >&2; tail -20 $OUT/app.log >&2; exit 1; }

login() { # user -> prints a Cookie header value
  # The accounts need a second factor: the first sign-in of each account gives the authenticator code and asks to
  # remember the device; its jar keeps that cookie, so later sign-ins (one per request, below) take the password only
  # and no code is ever used twice (the app refuses that).
  local jar=$OUT/jar-$1
  local token; token=$(curl -s -c "$jar" -b "$jar" http://127.0.0.1:$PORT/Account/Login | grep -o '<input name="__RequestVerificationToken"[^>]*>' | head -1 | sed 's/.*value="//;s/".*//')
  local next; next=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" --data-urlencode "Input.UserName=$1" --data-urlencode "Input.Password=$BENCH_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" http://127.0.0.1:$PORT/Account/Login)
  if [[ "$next" == */Account/TwoFactor* ]]; then
    token=$(curl -s -c "$jar" -b "$jar" "$next" | grep -o '<input name="__RequestVerificationToken"[^>]*>' | head -1 | sed 's/.*value="//;s/".*//')
    curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Code=$(python3 scripts/totp.py "$BENCH_TOTP_KEY")" --data-urlencode "RememberDevice=true" \
      --data-urlencode "__RequestVerificationToken=$token" "$next"
  fi
  awk '$6=="mamori" {printf "mamori=%s", $7}' "$jar"
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

echo "::: warm-up: every request for ${WARMUP} s ($((WARMUP * ${#URLS[@]})) s in all), so tiered JIT settles before anything is measured"
for i in "${!URLS[@]}"; do
  cookie=""; [ -z "${USERS[$i]}" ] || cookie=$(login "${USERS[$i]}")
  [ "$WARMUP" = 0 ] || wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" ${SCRIPTS[$i]:+-s ${SCRIPTS[$i]}} ${cookie:+-H "Cookie: $cookie"} "http://127.0.0.1:$PORT${URLS[$i]}" >/dev/null
done

# Once more per request right before its measurement, shorter than the warm-up when the warm-up is.
PRERUN=$((WARMUP < 5 ? WARMUP : 5))
GC_LABEL="server (the app's default, DOTNET_gcServer unset)"
[ -z "$GC" ] || GC_LABEL="$GC (DOTNET_gcServer=$([ "$GC" = server ] && echo 1 || echo 0))"

echo
echo "database: $DB_LABEL; GC: $GC_LABEL; $CONNECTIONS connections, $DURATION per request"
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
  [ "$PRERUN" = 0 ] || wrk -t2 -c"$CONNECTIONS" -d"${PRERUN}s" ${SCRIPTS[$i]:+-s ${SCRIPTS[$i]}} ${cookie:+-H "Cookie: $cookie"} "http://127.0.0.1:$PORT${URLS[$i]}" >/dev/null
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
# Where it is: anonymous memory (the GC's heaps, SQLite's caches, native allocations), mapped files (the runtime's and
# the app's assemblies) and shared memory (the runtime maps JIT-compiled code twice, writable and executable, through it).
awk '/RssAnon|RssFile|RssShmem/ {printf "%s%s %d MB", sep, $1, $2 / 1024; sep = ", "} END {print ""}' /proc/$APP/status 2>/dev/null | sed 's/^/  of which: /'
# What the process really runs, not what was asked for: Server GC has threads of its own named ".NET Server GC".
svr=$(cat /proc/$APP/task/*/comm 2>/dev/null | grep -c '^\.NET Server GC' || true)
if [ "${svr:-0}" -gt 0 ]; then echo "GC in the app: server ($svr GC threads)"; else echo "GC in the app: workstation"; fi
if [ -n "$PGROOT" ]; then
  # The server's memory, for comparison: proportional set sizes, so shared buffers are counted once across its processes.
  pgmain=$(head -1 "$PGROOT/data/postmaster.pid")
  pss=0
  for pid in $pgmain $(ps -o pid= --ppid "$pgmain"); do
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
    pss=$((pss + ${kb:-0}))
  done
  echo "PostgreSQL server memory after the run: $((pss / 1024)) MB (sum of Pss of its processes; not in the app's figure)"
fi
if [ -z "${BENCH_DATASET:-}" ]; then # ids written by an older generator: count in the file
  BENCH_DATASET="$(sqlite3 $DB 'select count(*) from FiscalYears' 2>/dev/null || echo '?') years, \
$(sqlite3 $DB 'select count(*) from Companies' 2>/dev/null || echo '?') companies, \
$(sqlite3 $DB 'select count(*) from Engagements' 2>/dev/null || echo '?') engagements, \
$(sqlite3 $DB 'select count(*) from Sessions' 2>/dev/null || echo '?') sessions"
fi
echo "dataset: $BENCH_DATASET"
echo "command: $COMMAND; $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench 2>/dev/null || echo ' + local changes')"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%d GB", $2/1024/1024}' /proc/meminfo); $(dotnet --version) SDK; $(wrk -v 2>&1 | head -1)"
