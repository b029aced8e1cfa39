#!/usr/bin/env python3
"""The Debian `symbols` file of libauthlete0, from the linker's version script: every exported function with its
version node, and the upstream version that first had that node (AUTHLETE_X.Y -> X.Y.0).

usage: symbols.py EXPORTS_MAP PACKAGE > symbols
"""
import re
import sys


def nodes(text: str):
    """(node, [function, ...]) for every version node of the script, in order."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    for match in re.finditer(r"(AUTHLETE_(\d+)\.(\d+))\s*\{(.*?)\}", text, flags=re.S):
        node, major, minor, body = match.groups()
        globals_part = body.split("local:")[0].replace("global:", "")
        functions = [name.strip() for name in globals_part.split(";") if name.strip()]
        yield node, f"{major}.{minor}.0", functions


def main() -> None:
    exports_map, package = sys.argv[1], sys.argv[2]
    with open(exports_map, encoding="utf-8") as file:
        text = file.read()
    lines = [f"libauthlete.so.0 {package} #MINVER#", "* Build-Depends-Package: libauthlete-dev"]
    for node, version, functions in nodes(text):
        if not functions:
            sys.exit(f"{exports_map}: version node {node} exports nothing")
        lines += [f" {function}@{node} {version}" for function in sorted(functions)]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
