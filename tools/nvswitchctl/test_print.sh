#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host-side test of what nvswitchctl prints, from canned netlink messages
# (test_print.c) run through the CLI's own print layer and object tables:
#  - the text is what nvswitchctl has always printed (test_print.expected);
#  - the JSON keys, and their types, of each object are exactly those the
#    man page (JSON OUTPUT) and Documentation/cli.rst (JSON) list: the keys
#    are a stable interface, so changing one means changing both documents.
# Needs no kernel module. NVSW_DOCS names the directory of the two
# documents when the CLI was copied away from its tree.
set -u

here=$(cd "$(dirname "$0")" && pwd -P)
docs=${NVSW_DOCS:-$here/../../Documentation}
# shellcheck source=test_lib.sh
. "$here/test_lib.sh"

text_unchanged() {
	"$here/test_print" >"$tmp/text" && diff -u "$here/test_print.expected" "$tmp/text"
}

# keys_match DOC: the keys test_print -j emits, per object, against DOC's.
keys_match() {
	"$here/test_print" -j >"$tmp/json" || return 1
	python3 - "$tmp/json" "$docs/$1" <<'PY'
import json, re, sys

jsonfile, doc = sys.argv[1:]
# The objects that the arrays of "nvswitchctl show" hold.
ARRAY_OF = {"ports": "port", "vsids": "vsid", "vsubnets": "vsubnet", "routes": "route"}
ENVELOPE = ("event", "action", "switch")


def documented(path):
    keys, section = {}, None
    text = open(path).read()
    if path.endswith(".8"):
        part = re.search(r"^\.SH JSON OUTPUT\n(.*?)^\.SH ", text, re.S | re.M)
        for line in part.group(1).splitlines() if part else []:
            if line.startswith(".SS "):
                section = line[4:].strip()
            m = re.match(r'^\.BR (\w+) " \((\w+)\)"$', line)
            if m:
                keys[(section, m[1])] = m[2]
    else:
        part = re.search(r"^JSON\n====\n(.*?)^\S[^\n]*\n=+\n", text, re.S | re.M)
        # "``object``" then its keys on indented lines: "``key`` (type)".
        for section, body in re.findall(r"^``(\w+)``\n((?:    .*\n)+)",
                                        part.group(1) if part else "", re.M):
            for key, typ in re.findall(r"``(\w+)``\s+\((\w+)\)", body):
                keys[(section, key)] = typ
    return keys


def jtype(v):
    for t, name in ((bool, "boolean"), (int, "number"), (str, "string"),
                    (list, "array"), (dict, "object")):
        if isinstance(v, t):
            return name


doc_keys = documented(doc)
if not doc_keys:
    sys.exit(f"{doc}: no JSON keys found")
emitted = {}


def add(section, key, value):
    t = jtype(value)
    if emitted.setdefault((section, key), t) != t:
        print(f"{section}.{key}: printed as {emitted[(section, key)]} and as {t}")
        emitted[(section, key)] = "conflict"
    if isinstance(value, dict):
        walk(key, value)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                walk(ARRAY_OF[key], item)


def walk(section, obj):
    for key, value in obj.items():
        add(section, key, value)


for line in open(jsonfile):
    name, doc_text = line.split("\t", 1)
    obj = json.loads(doc_text)
    for key, value in obj.items():
        if name == "monitor":
            add("monitor" if key in ENVELOPE else obj["event"], key, value)
        elif name == "show":
            add("show" if ("show", key) in doc_keys else "switch", key, value)
        else:
            add(name, key, value)

bad = 0
for k in sorted(set(emitted) | set(doc_keys)):
    if emitted.get(k) != doc_keys.get(k):
        print(f"{k[0]}.{k[1]}: printed as {emitted.get(k, 'nothing')},"
              f" documented as {doc_keys.get(k, 'nothing')}")
        bad += 1
print(f"{len(emitted)} keys printed, {len(doc_keys)} documented, {bad} differ")
sys.exit(1 if bad else 0)
PY
}

if ! command -v python3 >/dev/null; then
	echo "not ok - python3 is needed (scripts/install-deps.sh installs it)"
	exit 1
fi

ok text_unchanged
ok keys_match nvswitchctl.8
ok keys_match cli.rst

summary test_print
