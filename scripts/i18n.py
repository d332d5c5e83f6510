#!/usr/bin/env python3
"""Keeps Resources/SharedResource.en.resx in step with the Japanese keys used in the code.

  scripts/i18n.py missing            list keys used in .cshtml/.cs that have no English entry
  scripts/i18n.py add FILE.json      merge {"日本語": "English", ...} into the resx (sorted)

Keys are found in T["..."] and t["..."] (with or without arguments), in validation/display attributes
(ErrorMessage = "...", Name = "..."), in new DomainException("...") (whose format is localized by
DomainMessages), and in import errors: reader.Error(row, column, "...", args) and
new ImportError(sheet, row, column, "...", args) (localized by ImportErrorMessages), in src/Mamori.Web and src/Mamori.Data: the same places LocalizationTests checks.
"""
import json, re, sys, pathlib
from xml.sax.saxutils import escape
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESX = ROOT / "src/Mamori.Web/Resources/SharedResource.en.resx"
LIT = r'"((?:[^"\\]|\\.)*)"'
PATTERNS = [re.compile(r'(?<!\w)[tT]\[' + LIT), re.compile(r'ErrorMessage\s*=\s*' + LIT), re.compile(r'Display\(Name\s*=\s*' + LIT),
            re.compile(r'new\s+DomainException\(\s*' + LIT), re.compile(r'(?<!\w)Error\(\s*[^,()]+,\s*[^,()]+,\s*' + LIT),
            re.compile(r'new\s+ImportError\(\s*[^,()]+,\s*[^,()]+,\s*[^,()]+,\s*' + LIT),
            re.compile(r'new\s+RuleMessage\(\s*' + LIT), re.compile(r'new\s+AnswerError\(\s*[^,()]+,\s*' + LIT)]
JP = re.compile(r'[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]')

def used_keys():
    keys = set()
    for path in [*(ROOT / "src/Mamori.Web").rglob("*"), *(ROOT / "src/Mamori.Data").rglob("*")]:
        if path.suffix not in (".cshtml", ".cs") or "/obj/" in str(path) or "/bin/" in str(path):
            continue
        text = path.read_text(encoding="utf-8")
        for pat in PATTERNS:
            for m in pat.finditer(text):
                key = m.group(1).replace('\\"', '"')
                if JP.search(key):
                    keys.add(key)
    return keys

def load():
    if not RESX.exists():
        return {}
    tree = ET.parse(RESX)
    return {d.get("name"): d.find("value").text or "" for d in tree.getroot().findall("data")}

def save(entries):
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<root>",
           '  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>',
           '  <resheader name="version"><value>2.0</value></resheader>',
           '  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>',
           '  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>']
    for k in sorted(entries):
        out.append(f'  <data name="{escape(k, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(entries[k])}</value></data>')
    out.append("</root>")
    RESX.parent.mkdir(parents=True, exist_ok=True)
    RESX.write_text("\n".join(out) + "\n", encoding="utf-8")

if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "missing"
    entries = load()
    if cmd == "missing":
        missing = sorted(used_keys() - set(entries))
        print(json.dumps({k: "" for k in missing}, ensure_ascii=False, indent=1))
        sys.exit(1 if missing else 0)
    elif cmd == "add":
        new = json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8"))
        empty = [k for k, v in new.items() if not v]
        if empty:
            sys.exit("empty translations: " + ", ".join(empty))
        entries.update(new)
        save(entries)
        print(f"{len(entries)} entries")
