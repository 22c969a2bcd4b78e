#!/usr/bin/env python3
"""Write the English fallbacks of keys used in Go code into an English
translation file, and the French given in a Python dict into the French
file. Usage: tools/i18nsync.py "" FRENCH.py DIR...   (AREA "" = fr.json/en.json, where every text lives)"""
import json, os, re, sys, subprocess
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
area, frpy, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
ns = {}
exec(open(frpy).read(), ns)
fr_new, en_plural = ns["fr"], ns.get("en_plural", {})
out = subprocess.run([sys.executable, os.path.join(root, "tools/i18nkeys.py"), *dirs], capture_output=True, text=True).stdout
en_new = {}
for line in out.splitlines():
    lang, kind, key, fallback = line.split("\t", 3)
    if lang == "en":
        en_new[key] = json.loads(fallback)
en_new.update(en_plural)
prefix = area + "." if area else ""
for lang, new in (("fr", fr_new), ("en", en_new)):
    path = os.path.join(root, "assets/translation", prefix + lang + ".json")
    data = json.load(open(path)) if os.path.exists(path) else {}
    data.update(new)
    json.dump(data, open(path, "w"), ensure_ascii=False, indent=1, sort_keys=True)
    open(path, "a").write("\n")
print("missing French:", [l.split("\t")[2] for l in out.splitlines() if l.startswith("fr") and l.split("\t")[2] not in fr_new])
