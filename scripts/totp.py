#!/usr/bin/env python3
"""Prints the current authenticator code (RFC 6238: HMAC-SHA1, 30 s, 6 digits) for a Base32 key, as an authenticator
app would show it. For signing in to a Development instance with a printed demo key, for bench/run.sh and scan/.

Usage: scripts/totp.py KEY [--next]   (--next: the code of the following 30-second step)"""
import base64, hashlib, hmac, struct, sys, time


def code(key: str, step_offset: int = 0) -> str:
    key = key.replace(" ", "").upper()
    key_bytes = base64.b32decode(key + "=" * (-len(key) % 8))
    step = int(time.time()) // 30 + step_offset
    digest = hmac.new(key_bytes, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    print(code(sys.argv[1], 1 if "--next" in sys.argv[2:] else 0))
