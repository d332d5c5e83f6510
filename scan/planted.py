#!/usr/bin/env python3
"""The scanner's positive control: a deliberately flawed site on loopback. It reflects a query parameter into the page
unencoded (cross-site scripting), answers 500 with a SQL error text when a parameter holds a quote (SQL injection and
a server error), and trusts a redirect target. scan/run.sh scans it first with the same modules and options as
Mamori and fails unless wapiti reports each planted flaw: a clean Mamori report then means something.

Usage: scan/planted.py PORT   (serves until killed; never listens beyond 127.0.0.1)"""
import html, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlparse

HOME = b"""<html><body><h1>Planted flaws</h1>
<a href="/search?q=tea">search</a> <a href="/item?id=1">item</a> <a href="/go?to=/">go</a>
<form method="get" action="/search"><input name="q" value="tea"><input type="submit"></form>
</body></html>"""


class Flawed(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/search":
            # The flaw: the parameter goes into the page as markup.
            self.answer(200, f"<html><body><p>Results for {query.get('q', '')}</p></body></html>".encode())
        elif url.path == "/item":
            item = query.get("id", "1")
            if "'" in item or '"' in item:
                self.answer(500, b"<html><body>You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version</body></html>")
            else:
                self.answer(200, f"<html><body>item {html.escape(item)}</body></html>".encode())
        elif url.path == "/go":
            self.send_response(302)
            # Percent-encoded: wapiti 3.0.4 crashes on a raw non-ASCII Location (its SQL payloads hold one).
            self.send_header("Location", quote(query.get("to", "/"), safe=":/?&=#%"))
            self.end_headers()
        else:
            self.answer(200, HOME)

    def answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Flawed).serve_forever()
