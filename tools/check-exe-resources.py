#!/usr/bin/env python3
"""Checks that a Windows program carries what Explorer shows of it: an icon
and version information naming Témoin and the given version.

    tools/check-exe-resources.py dist/temoin-windows-amd64.exe 1.2.0

Reads the PE file's resource directory (standard library only)."""
import struct
import sys

RT_ICON, RT_GROUP_ICON, RT_VERSION, RT_MANIFEST = 3, 14, 16, 24


def resources(data):
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        sys.exit("not a PE file")
    nsections = struct.unpack_from("<H", data, pe + 6)[0]
    optsize = struct.unpack_from("<H", data, pe + 20)[0]
    sections = pe + 24 + optsize
    for i in range(nsections):
        s = sections + 40 * i
        if data[s:s + 8].rstrip(b"\0") == b".rsrc":
            vaddr, _, raw = struct.unpack_from("<III", data, s + 12)
            return raw, raw, vaddr
    sys.exit("no .rsrc section: no icon, no version information")


def types(data, base):
    named, ids = struct.unpack_from("<HH", data, base + 12)
    found = []
    for i in range(named + ids):
        name, _ = struct.unpack_from("<II", data, base + 16 + 8 * i)
        if not name & 0x80000000:
            found.append(name)
    return found


def main():
    path, version = sys.argv[1], sys.argv[2]
    data = open(path, "rb").read()
    base, _, _ = resources(data)
    have = types(data, base)
    problems = []
    for t, what in ((RT_ICON, "icon"), (RT_GROUP_ICON, "icon group"), (RT_VERSION, "version information"), (RT_MANIFEST, "manifest")):
        if t not in have:
            problems.append("no " + what)
    rsrc = data[base:]
    for text in ("ProductName", "Témoin", version):
        if text.encode("utf-16-le") not in rsrc:
            problems.append(f"{text!r} is not in the version information")
    if b"asInvoker" not in rsrc:
        problems.append("the manifest does not say asInvoker")
    if problems:
        sys.exit(path + ": " + "; ".join(problems))
    print(f"{path}: icon, version information ({version}) and manifest present")


main()
