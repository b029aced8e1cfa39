#!/usr/bin/env python3
"""make wheel: the authlete_ciba wheel with libauthlete.so.0 inside the package (authlete_ciba/_lib/), tagged
py3-none-manylinux_2_NN_x86_64 where 2.NN is the newest glibc symbol version the library needs.

Metadata comes from the project's pyproject.toml; the archive is reproducible (sorted names, SOURCE_DATE_EPOCH as
every time stamp). libcurl and libcjson stay the system's (see the README's Install section), so no auditwheel.

usage: wheel.py PROJECT_DIR LIBRARY OUT_DIR
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LICENSES = [ROOT / "LICENSE", ROOT / "THIRD_PARTY_NOTICES.md"]


def glibc_tag(library: Path) -> str:
    """manylinux_2_NN_x86_64 for the newest GLIBC_2.NN among the library's needed symbol versions."""
    text = subprocess.run(["readelf", "--version-info", "--wide", str(library)], capture_output=True, text=True,
                          check=True).stdout
    minors = [int(minor) for minor in re.findall(r"Name: GLIBC_2\.(\d+)", text)]
    if not minors:
        sys.exit(f"{library}: no GLIBC symbol versions found")
    return f"manylinux_2_{max(minors)}_x86_64"


def record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def metadata(project: dict, readme: str) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {project['version']}",
             f"Summary: {project['description']}", f"Requires-Python: {project['requires-python']}",
             f"License: {project['license']['text']}"]
    lines += [f"Classifier: {classifier}" for classifier in project.get("classifiers", [])]
    lines += ["Description-Content-Type: text/markdown", "", readme]
    return "\n".join(lines)


def entry_points(groups: dict) -> str:
    """entry_points.txt (INI): one section per group, e.g. pytest11, which registers the pytest plugin."""
    return "".join(f"[{group}]\n" + "".join(f"{name} = {target}\n" for name, target in sorted(entries.items())) + "\n"
                   for group, entries in sorted(groups.items()))


def main() -> None:
    project_dir, library, out_dir = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    project = tomllib.loads((project_dir / "pyproject.toml").read_text())["project"]
    package = project_dir / "authlete_ciba"
    init = (package / "__init__.py").read_text()
    if f'__version__ = "{project["version"]}"' not in init:
        sys.exit(f"{package}/__init__.py's __version__ is not pyproject's {project['version']}")
    distribution = re.sub(r"[-_.]+", "_", project["name"]).lower()
    tag = f"py3-none-{glibc_tag(library)}"
    info = f"{distribution}-{project['version']}.dist-info"

    files: dict[str, tuple[bytes, int]] = {}
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            files[f"authlete_ciba/{path.relative_to(package).as_posix()}"] = (path.read_bytes(), 0o644)
    files["authlete_ciba/_lib/libauthlete.so.0"] = (library.read_bytes(), 0o755)
    for license_file in LICENSES:
        files[f"{info}/licenses/{license_file.name}"] = (license_file.read_bytes(), 0o644)
    readme = (project_dir / project["readme"]).read_text()
    files[f"{info}/METADATA"] = (metadata(project, readme).encode(), 0o644)
    if project.get("entry-points"):
        files[f"{info}/entry_points.txt"] = (entry_points(project["entry-points"]).encode(), 0o644)
    wheel = f"Wheel-Version: 1.0\nGenerator: libauthlete packaging/wheel.py\nRoot-Is-Purelib: false\nTag: {tag}\n"
    files[f"{info}/WHEEL"] = (wheel.encode(), 0o644)
    record = "".join(f"{name},{record_hash(data)},{len(data)}\n" for name, (data, _) in sorted(files.items()))
    files[f"{info}/RECORD"] = ((record + f"{info}/RECORD,,\n").encode(), 0o644)

    # Zip time stamps start in 1980; the epoch is the commit's time.
    stamp = time.gmtime(max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800))[:6]
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{distribution}-{project['version']}-{tag}.whl"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # RECORD last, as the wheel format recommends; the rest sorted.
        for name in sorted(files, key=lambda name: (name.endswith("/RECORD"), name)):
            data, mode = files[name]
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.external_attr = (0o100000 | mode) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    print(target)


if __name__ == "__main__":
    main()
