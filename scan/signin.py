#!/usr/bin/env python3
"""Signs in to a running Mamori as a person would (the password, then the authenticator code when the page asks for
it) and writes the browser's cookies as a wapiti cookie file (wapiti -c), so the scanner crawls as that account.

Usage: scan/signin.py BASE_URL USER PASSWORD KEY|- OUT.json"""
import http.cookiejar, json, os, re, sys, urllib.parse, urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import totp  # noqa: E402

base, user, password, key, out = sys.argv[1:6]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
TOKEN = re.compile(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"')


def post(url, fields, page_html):
    fields["__RequestVerificationToken"] = TOKEN.search(page_html).group(1)
    with opener.open(urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode())) as answer:
        return answer.geturl(), answer.read().decode()


with opener.open(base + "/Account/Login") as page:
    login = page.read().decode()
url, html = post(base + "/Account/Login", {"Input.UserName": user, "Input.Password": password}, login)
if "/Account/TwoFactor" in url:
    if key == "-":
        sys.exit(f"{user}: the app asks for a code and no key was given")
    url, html = post(url, {"Code": totp.code(key)}, html)
if "/Account/" in urllib.parse.urlparse(url).path:
    sys.exit(f"{user}: sign-in did not succeed (ended at {url})")

host = urllib.parse.urlparse(base).hostname
cookies = {host: {}}
for c in jar:
    cookies[host].setdefault(c.path or "/", {})[c.name] = {"version": 0, "value": c.value, "secure": False, "expires": None, "port": None}
if not any("mamori" in path for path in cookies[host].values()):
    sys.exit(f"{user}: no session cookie")
with open(out, "w") as f:
    json.dump(cookies, f, indent=2)
# The same cookies as a Cookie header, for scan/run.sh's check that the scan ended still signed in.
with open(out + ".header", "w") as f:
    f.write("; ".join(f"{c.name}={c.value}" for c in jar))
print(f"signed in as {user}")
