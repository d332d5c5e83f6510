#!/usr/bin/env bash
# Measures a whole-year workbook import (issue #19, failure 5): generates one program year far larger than a real one
# (9,600 companies, 9,600 engagements, 38,400 sessions), exports it through the app as a coordinator, then imports it
# into a fresh Development instance as its demo administrator, and prints the answer time, the app's resident memory
# (peak during the import, VmHWM after resetting it), the bytes the app wrote to disk (/proc/<pid>/io write_bytes),
# the audit rows and the database size. Needs curl, sqlite3, bc. About 3 minutes.
#   bench/import.sh [APP_DIR]   APP_DIR: a published app to measure (default: publish this checkout)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
OUT=bench/out/import; mkdir -p $OUT
APPDIR=${1:-$OUT/app}
if [ -z "${1:-}" ]; then
  echo "::: publish (Release)"; dotnet publish src/Mamori.Web -c Release -o $APPDIR -v q --nologo -nodeReuse:false >/dev/null
fi
APPDIR=$(cd "$APPDIR" && pwd)
PORT=${BENCH_PORT:-5096}
tok() { grep -o '<input name="__RequestVerificationToken"[^>]*>' | head -1 | sed 's/.*value="//;s/".*//'; }
login() { # jar user password
  local t; t=$(curl -s -c "$1" -b "$1" http://127.0.0.1:$PORT/Account/Login | tok)
  curl -s -o /dev/null -c "$1" -b "$1" --data-urlencode "Input.UserName=$2" --data-urlencode "Input.Password=$3" --data-urlencode "__RequestVerificationToken=$t" http://127.0.0.1:$PORT/Account/Login
}
start() { # environment connection-string log -> sets APP
  ( cd "$APPDIR" && exec env ASPNETCORE_ENVIRONMENT=$1 ASPNETCORE_URLS=http://127.0.0.1:$PORT Security__HttpsOnly=false DataProtection__AllowUnencryptedKeys=true \
      "ConnectionStrings__Default=$2" Logging__LogLevel__Default=Warning dotnet Mamori.Web.dll ) > "$3" 2>&1 &
  APP=$!
  for _ in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:$PORT/ && return 0; sleep 0.5; done
  echo "the app did not start; see $3" >&2; exit 1
}
APP=""; trap '[ -z "$APP" ] || kill $APP 2>/dev/null || true' EXIT

if [ ! -s $OUT/year.xlsx ]; then
  echo "::: generate one large year and export it"
  rm -f $OUT/source.db*
  dotnet run -c Release --project bench/Mamori.Bench -- --db $OUT/source.db --years 1 --companies 9600 --engagements 9600 --sessions 38400 --out $OUT/ids.env >/dev/null
  source $OUT/ids.env
  start Production "Data Source=$(pwd)/$OUT/source.db" $OUT/export.log
  login $OUT/jar "$BENCH_COORDINATOR" "$BENCH_PASSWORD"
  curl -sf -o $OUT/year.xlsx -b $OUT/jar "http://127.0.0.1:$PORT/DataTransfer?handler=Export&year=$BENCH_LIST_YEAR"
  kill $APP; wait $APP 2>/dev/null || true; APP=""
fi
echo "::: import $(du -h $OUT/year.xlsx | cut -f1) into a fresh instance"
W=$(mktemp -d /tmp/mamori-import-XXXXXX)
start Development "Data Source=$W/app.db" $W/app.log
for _ in $(seq 1 60); do [ -s $W/demo-accounts.txt ] && break; sleep 0.5; done; sleep 1
login $W/jar admin@demo.mamori.example "$(grep 'admin@demo.mamori.example' $W/demo-accounts.txt | awk '{print $NF}')"
t=$(curl -s -c $W/jar -b $W/jar http://127.0.0.1:$PORT/DataTransfer | tok)
audit0=$(sqlite3 $W/app.db "select count(*) from AuditEntries")
rss0=$(awk '/VmRSS/ {print $2}' /proc/$APP/status); w0=$(awk '$1=="write_bytes:" {print $2}' /proc/$APP/io)
echo 5 > /proc/$APP/clear_refs # resets VmHWM to the current resident set
s=$(date +%s.%N)
code=$(curl -s -o $W/answer.html -w '%{http_code}' -c $W/jar -b $W/jar -F "__RequestVerificationToken=$t" \
  -F "Workbook=@$OUT/year.xlsx;type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" "http://127.0.0.1:$PORT/DataTransfer?handler=Import")
e=$(date +%s.%N)
hwm=$(awk '/VmHWM/ {print $2}' /proc/$APP/status); w1=$(awk '$1=="write_bytes:" {print $2}' /proc/$APP/io)
[ "$code" = 302 ] || { echo "the import answered $code (see $W/answer.html)" >&2; exit 1; }
echo "answered $code in $(printf '%.1f' "$(echo "$e - $s" | bc)") s; resident memory $((rss0 / 1024)) MB before, peak $((hwm / 1024)) MB during the import"
echo "written by the app: $(((w1 - w0) / 1024 / 1024)) MB; audit rows added: $(( $(sqlite3 $W/app.db 'select count(*) from AuditEntries') - audit0 )); sessions: $(sqlite3 $W/app.db 'select count(*) from Sessions'); database: $(du -m $W/app.db | cut -f1) MB"
echo "command: bench/import.sh${1:+ $1}; $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' + local changes'); $(nproc) cores; $(dotnet --version) SDK"
rm -rf "$W"
