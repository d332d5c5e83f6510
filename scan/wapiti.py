#!/usr/bin/python3
"""Runs Debian's wapiti 3.0.4 with one fix: its URL exclusions (-x with a *) build the regular expression
"...\\Z(?ms)", which Python 3.11 refuses (global flags must come first), so any wildcard exclusion crashed the scan.
The same translation with the flags in front; everything else is wapiti as packaged. Arguments are wapiti's."""
import re
import sys

import wapitiCore.net.crawler as crawler


def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")


crawler.wildcard_translate = wildcard_translate

from wapitiCore.main.wapiti import wapiti_main as main  # noqa: E402

sys.argv[0] = "wapiti"
sys.exit(main())
