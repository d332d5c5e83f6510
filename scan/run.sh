#!/usr/bin/env bash
# The scanner baseline (issue #19, point 7): wapiti against a running Mamori on loopback, anonymous and as each role,
# after a positive control that proves the same scan finds planted flaws. Fails on any finding not listed in
# scan/suppressions.txt and on any 5xx a scanner payload caused. docs/security.md explains what it does and does not
# prove; docs/scanning.md how to run it and read it.
#
#   scan/run.sh [--deep]
#
# The CI run is time-capped: each scan crawls for at most CRAWL seconds and each attack module stops after ATTACK
# seconds (wapiti checks between resources, so one resource may run over); forms with more than 60 parameters (the
# self-check answer form, the hearing form: one per question) are left out. --deep lifts the caps (tens of minutes).
#
# Needs a built src/Mamori.Web (dotnet build) and Debian's wapiti (apt-get install wapiti). Reports, the app's log and
# the scanner's output go to $SCAN_OUT (default TestResults/scan).
set -euo pipefail
cd "$(dirname "$0")/.."
CRAWL=15; ATTACK=6; ANON_CRAWL=45; ANON_ATTACK=15; MAX_PARAMETERS=(--max-parameters 60)
while [ $# -gt 0 ]; do
  case "$1" in
    --deep) CRAWL=600; ATTACK=0; ANON_CRAWL=600; ANON_ATTACK=0; MAX_PARAMETERS=() ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
OUT=$(mkdir -p "${SCAN_OUT:-TestResults/scan}" && cd "${SCAN_OUT:-TestResults/scan}" && pwd)
# Ports the kernel just handed out (a fixed range could collide with a client socket's ephemeral port).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PORT=${SCAN_PORT:-$(free_port)}
CONTROL_PORT=$(free_port)
DLL=bin/Debug/net10.0/Mamori.Web.dll
[ -f "src/Mamori.Web/$DLL" ] || { echo "build first: dotnet build src/Mamori.Web" >&2; exit 2; }
command -v wapiti >/dev/null || { echo "wapiti is missing: apt-get install wapiti" >&2; exit 2; }
rm -rf "$OUT"/*
say() { echo "::: scan: $*"; }

# Injection modules and the passive header, cookie, CSP and CSRF checks. Left out: ssrf and xxe (they need wapiti's
# internet endpoint), blindsql (sleep payloads; SQLite has no sleep), nikto, buster, backup (long lists of file names).
MODULES="xss,permanentxss,sql,exec,file,redirect,crlf,methods,http_headers,cookieflags,csp,csrf"

APP=""; CONTROL=""
cleanup() { for p in $APP $CONTROL; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wapiti_scan() { # name url cookie-file|"" crawl-seconds attack-seconds [extra options...]
  local name=$1 url=$2 cookie=$3 crawl=$4 attack=$5; shift 5
  local started=$SECONDS
  /usr/bin/python3 scan/wapiti.py -u "$url" --scope folder -m "$MODULES" --max-scan-time "$crawl" --max-attack-time "$attack" -t 20 "${MAX_PARAMETERS[@]}" \
    ${cookie:+-c "$cookie"} "$@" -f json -o "$OUT/$name.json" \
    --store-session "$OUT/session-$name" --store-config "$OUT/config" --flush-session -v 1 > "$OUT/$name.log" 2>&1 || true
  [ -f "$OUT/$name.json" ] || { echo "wapiti wrote no report for $name; see $OUT/$name.log" >&2; tail -20 "$OUT/$name.log" >&2; exit 1; }
  if grep -q "Traceback" "$OUT/$name.log"; then
    echo "note: a wapiti module crashed during the $name scan (its remaining payloads were skipped); see $OUT/$name.log"
  fi
  say "$name: $(grep -c '^\[+\] ' "$OUT/$name.log" || true) resources, $((SECONDS - started)) s"
}

# 1. Positive control.
say "positive control on 127.0.0.1:$CONTROL_PORT"
python3 scan/planted.py "$CONTROL_PORT" & CONTROL=$!
for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$CONTROL_PORT/" && break; sleep 0.1; done
wapiti_scan control "http://127.0.0.1:$CONTROL_PORT/" "" 30 10
python3 scan/check.py --control "$OUT/control.json"

# 2. Mamori with the demo program: seeded by a Development start, then served as Production (no developer pages,
# the real error handling). The rate limits are raised so that payloads reach the handlers; they are tested elsewhere.
DB="$OUT/scan.db"
say "seed the demo program (Development start)"
( cd src/Mamori.Web && exec env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
    Database__Provider=Sqlite "ConnectionStrings__Default=Data Source=$DB" dotnet "$DLL" ) > "$OUT/seed.log" 2>&1 & APP=$!
for _ in $(seq 1 240); do [ -f "$OUT/demo-accounts.txt" ] && curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.5; done
[ -f "$OUT/demo-accounts.txt" ] || { echo "the demo seed did not finish; see $OUT/seed.log" >&2; exit 1; }
kill "$APP"; wait "$APP" 2>/dev/null || true
# The demo year's recruitment stays open, so the public application form is there to be scanned.
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE FiscalYears SET RecruitmentEnd = NULL"); c.commit()' "$DB"

say "start Mamori (Production) on 127.0.0.1:$PORT"
( cd src/Mamori.Web && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
    Database__Provider=Sqlite "ConnectionStrings__Default=Data Source=$DB" \
    Security__HttpsOnly=false DataProtection__AllowUnencryptedKeys=true \
    Security__LoginAttemptsPerMinute=100000 Security__PublicFormPostsPerMinute=100000 Security__SelfCheckPostsPerMinute=100000 \
    dotnet "$DLL" ) > "$OUT/app.log" 2>&1 & APP=$!
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.5; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" || { echo "Mamori did not start; see $OUT/app.log" >&2; tail -20 "$OUT/app.log" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"

# 3. Anonymous: the public pages (home, application form, self-check, sign-in). The self-check's questions for one
# country are scanned; the crawler's choice of every country at once (a page of several MB that wapiti parses after
# every payload, hours of CPU) is left out: it runs the same code per country.
wapiti_scan anonymous "$BASE/" "" "$ANON_CRAWL" "$ANON_ATTACK" -s "$BASE/Apply" -s "$BASE/SelfCheck" -s "$BASE/Account/Login" \
  -s "$BASE/SelfCheck/Answer?c=CN&n_CN=50" -x "$BASE/SelfCheck/Answer?*&c=*"

# 4. Each role, signed in with its password and authenticator code. The administrator goes last: its scan posts to the
# user pages. Signing out is never crawled; each scan must end still signed in, or it proved nothing about that role.
account() { grep " $1@demo.mamori.example " "$OUT/demo-accounts.txt"; }
for role in company expert coordinator admin; do
  line=$(account "$role")
  user=$(awk '{print $2}' <<<"$line"); password=$(awk '{print $3}' <<<"$line")
  key=$(sed -n 's/.*authenticator key \([A-Z2-7]*\).*/\1/p' <<<"$line"); key=${key:--}
  python3 scan/signin.py "$BASE" "$user" "$password" "$key" "$OUT/cookies-$role.json"
  wapiti_scan "$role" "$BASE/" "$OUT/cookies-$role.json" "$CRAWL" "$ATTACK" -x "$BASE/Account/Logout*" -x "$BASE/Account/Login*"
  cookie=$(cat "$OUT/cookies-$role.json.header")
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$BASE/Account/Manage")
  [ "$code" = 200 ] || { echo "the $role scan ended signed out (/Account/Manage answered $code): its result covers the public pages only" >&2; exit 1; }
done

# 5. The verdict; the app's own log must not show an unhandled exception either.
errors=$(grep -c "An unhandled exception\|fail: Microsoft.AspNetCore" "$OUT/app.log" || true)
rc=0
python3 scan/check.py scan/suppressions.txt "$OUT"/{anonymous,company,expert,coordinator,admin}.json || rc=1
if [ "$errors" -gt 0 ]; then
  echo "FAIL: $errors unhandled exceptions in $OUT/app.log"; grep -m5 -A3 "An unhandled exception\|fail: Microsoft.AspNetCore" "$OUT/app.log"; rc=1
fi
exit $rc
