#!/usr/bin/env python3
"""Reads wapiti JSON reports and decides (issue #19, point 7).

  scan/check.py --control REPORT            the planted site's report: every planted flaw must be found
  scan/check.py SUPPRESSIONS REPORT...      Mamori's reports: no finding unless suppressed, never a 5xx

A finding is any entry of "vulnerabilities" (wapiti's level is printed but does not excuse one: a reflected XSS is only
"medium" to wapiti 3.0.4). "Internal Server Error" anomalies can never be suppressed. Other anomalies (timeouts on a
loaded machine) are printed as warnings. Prints one table per run and exits 1 on failure."""
import json, re, sys

LEVELS = {0: "info", 1: "low", 2: "medium", 3: "high", 4: "critical"}
PLANTED = ["SQL Injection", "Cross Site Scripting", "Open Redirect", "Internal Server Error"]


def entries(report):
    for kind in ("vulnerabilities", "anomalies"):
        for category, items in report.get(kind, {}).items():
            for item in items:
                yield kind, category, item


def control(path):
    report = json.load(open(path))
    found = {category for _, category, _ in entries(report)}
    missing = [p for p in PLANTED if p not in found]
    print(f"positive control ({path}): found {', '.join(sorted(found)) or 'nothing'}")
    if missing:
        print(f"FAIL: the scanner missed the planted {', '.join(missing)}: a clean scan of Mamori would prove nothing")
        return 1
    return 0


def load_suppressions(path):
    rules = []
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(" | ")]
        if len(parts) != 4 or not parts[3]:
            sys.exit(f"{path}:{number}: expected 'category | path regex | info regex | reason' (fields separated by ' | ')")
        if parts[0] == "Internal Server Error":
            sys.exit(f"{path}:{number}: a 5xx is never suppressed")
        rules.append((parts[0], re.compile(parts[1]), re.compile(parts[2]), parts[3], number))
    return rules


def main(args):
    if args[:1] == ["--control"]:
        return control(args[1])
    rules = load_suppressions(args[0])
    used = set()
    failures = warnings = 0
    for path in args[1:]:
        report = json.load(open(path))
        rows = []
        for kind, category, item in entries(report):
            level = LEVELS.get(int(item.get("level") or 0), item.get("level"))
            where = f"{item['method']} {item['path']} {item.get('parameter') or ''}".strip()
            rule = next((r for r in rules if r[0] == category and r[1].search(item["path"]) and r[2].search(item.get("info", ""))), None)
            if kind == "anomalies" and category == "Internal Server Error":
                verdict = "FAIL (5xx)"
                failures += 1
            elif rule is not None:
                verdict = f"suppressed (line {rule[4]})"
                used.add(rule[4])
            elif kind == "anomalies":
                verdict = "warning"
                warnings += 1
            else:
                verdict = "FAIL"
                failures += 1
            rows.append(f"  {verdict:<22} {category} [{level}] {where}: {item.get('info', '')[:160]}")
        print(f"{path}: {len(rows)} entries")
        print("\n".join(rows) if rows else "  (nothing found)")
    for rule in rules:
        if rule[4] not in used:
            print(f"note: suppression on line {rule[4]} ({rule[0]}) matched nothing in this run")
    print(f"scan: {failures} failing, {warnings} warnings")
    return 1 if failures else 0


sys.exit(main(sys.argv[1:]))
