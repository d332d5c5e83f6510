#!/usr/bin/env python3
"""Builds a wrk Lua script that posts one full self-check answer set.

Usage: selfcheck_post.py PAGE.html COOKIE_JAR > post.lua
PAGE.html is /SelfCheck/Answer as served (with its antiforgery token); COOKIE_JAR is curl's jar from the same GET.
Scale questions get "partly", choices their first option, numbers 60, free text a short phrase.
"""
import re
import sys
import urllib.parse

html = open(sys.argv[1], encoding="utf-8").read()
cookies = []
for line in open(sys.argv[2], encoding="utf-8"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) >= 7 and (not line.startswith("#") or line.startswith("#HttpOnly_")):
        cookies.append(f"{parts[5]}={parts[6]}")
token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html).group(1)
fields = [
    ("__RequestVerificationToken", token),
    ("scope", re.search(r'name="scope" value="([^"]*)"', html).group(1)),
    ("catalogueVersion", re.search(r'name="catalogueVersion" value="([^"]*)"', html).group(1)),
]
answers = {}
for m in re.finditer(r'<input type="(radio|number)"[^>]*?name="(a\[[A-Z]-\d+\])"(?:[^>]*?value="([^"]*)")?', html):
    kind, name, value = m.group(1), m.group(2), m.group(3)
    if name in answers:
        continue
    if kind == "number":
        answers[name] = "60"
    elif f'name="{name}" value="partly"' in html:
        answers[name] = "partly"
    else:
        answers[name] = value
for name in re.findall(r'<textarea[^>]*name="(a\[[A-Z]-\d+\])"', html):
    answers.setdefault(name, "設計図面と顧客台帳")
fields.extend(answers.items())
body = urllib.parse.urlencode(fields)
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"')
print(f'wrk.headers["Cookie"] = "{"; ".join(cookies)}"')
print(f'wrk.body = "{body}"')
print(f"-- {len(answers)} answers")
