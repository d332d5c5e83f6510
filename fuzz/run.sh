#!/usr/bin/env bash
# Fuzzes the workbook reader (every upload and import goes through it) with afl++ and SharpFuzz: builds
# fuzz/Mamori.Fuzz, instruments Mamori.Web.dll and MiniExcel with the sharpfuzz tool, seeds afl with the workbooks in
# fuzz/seeds, and runs afl-fuzz for the given time (default 5 minutes). Needs afl++ (apt-get install afl++).
# Crashing inputs land in fuzz/out/default/crashes; replay one with
#   dotnet fuzz/out/bin/Mamori.Fuzz.dll fuzz/out/default/crashes/id:000000*
# and turn it into a regression test (docs/fuzzing.md).
#   fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
SECONDS_TO_RUN=${1:-300}
OUT=fuzz/out
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 1; }
dotnet tool restore >/dev/null
rm -rf $OUT/bin && mkdir -p $OUT
dotnet publish fuzz/Mamori.Fuzz -c Release -o $OUT/bin -v q --nologo >/dev/null
for dll in Mamori.Web.dll MiniExcel.dll; do
  dotnet sharpfuzz $OUT/bin/$dll >/dev/null
done
# afl wants small seeds; the exported FY2022 year workbook and a catalogue workbook are a few dozen KB.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
timeout --preserve-status $((SECONDS_TO_RUN + 30)) afl-fuzz -V "$SECONDS_TO_RUN" -i fuzz/seeds -o $OUT -t 10000 -m none \
  -- dotnet $OUT/bin/Mamori.Fuzz.dll || true
echo "crashes: $(ls $OUT/default/crashes 2>/dev/null | grep -c '^id' || true); hangs: $(ls $OUT/default/hangs 2>/dev/null | grep -c '^id' || true)"
grep -E 'execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg' $OUT/default/fuzzer_stats 2>/dev/null || true
