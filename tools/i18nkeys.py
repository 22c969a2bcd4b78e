#!/usr/bin/env python3
"""List translation keys used in Go code (lang.X / lang.XN with a literal
key) that are missing from assets/translation, with their English
fallback: a helper for translators. Usage: tools/i18nkeys.py [DIR...]"""
import json, os, re, sys, glob

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
pat = re.compile(r'(?:lang\.(XN?)|summary)\(\s*"([^"]+)"\s*,\s*("(?:[^"\\]|\\.)*")')
have = {}
for lang in ("fr", "en"):
    keys = {}
    for f in glob.glob(os.path.join(root, "assets/translation", "*" + lang + ".json")):
        if os.path.basename(f) in (lang + ".json",) or os.path.basename(f).endswith("." + lang + ".json"):
            keys.update(json.load(open(f)))
    have[lang] = keys
dirs = sys.argv[1:] or [root]
for d in dirs:
    for path, _, files in os.walk(d):
        for name in files:
            if not name.endswith(".go"):
                continue
            src = open(os.path.join(path, name)).read()
            for m in pat.finditer(src):
                kind, key, fallback = m.groups()
                kind = kind or "X"
                for lang in ("fr", "en"):
                    if key not in have[lang]:
                        print(f"{lang}\t{kind}\t{key}\t{fallback}")  # the fallback as a JSON string, escapes kept
