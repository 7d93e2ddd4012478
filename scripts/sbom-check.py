#!/usr/bin/env python3
"""Checks a function's CycloneDX SBOM (target/sbom.cdx.json, Quarkus' dependency-sbom goal) against the
image it describes: every library jar in the unpacked image must be a component of the SBOM, and every
runtime library component of the SBOM must be in the image, by Maven coordinates and version. Prints the
counts; exits 1 with one line per mismatch.

Quarkus names the jars in quarkus-app/lib <groupId>.<artifactId>-<version>[-<classifier>].jar.

usage: scripts/sbom-check.py SBOM.json IMAGE_APP_DIR   (the image's quarkus-app: /home/jboss in the rootfs)
"""
import json
import sys
import urllib.parse
from pathlib import Path


def expected_jar(component):
    purl = component.get("purl", "")
    if not purl.startswith("pkg:maven/"):
        return None
    path, _, query = purl[len("pkg:maven/"):].partition("?")
    coordinates, _, version = path.partition("@")
    group, _, artifact = coordinates.partition("/")
    params = urllib.parse.parse_qs(query)
    if params.get("type", ["jar"])[0] != "jar":
        return None
    classifier = params.get("classifier", [""])[0]
    return f"{urllib.parse.unquote(group)}.{urllib.parse.unquote(artifact)}-{urllib.parse.unquote(version)}" \
           f"{'-' + classifier if classifier else ''}.jar"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sbom = json.loads(Path(sys.argv[1]).read_text())
    app_dir = Path(sys.argv[2])
    if sbom.get("bomFormat") != "CycloneDX":
        sys.exit(f"sbom-check: {sys.argv[1]} is not a CycloneDX BOM")
    listed = {}
    for component in sbom.get("components", []):
        jar = expected_jar(component)
        if jar:
            listed[jar] = component
    in_image = {jar.name: jar for jar in (app_dir / "lib").rglob("*.jar")}
    problems = [f"in the image, not in the SBOM: {jar.relative_to(app_dir)}"
                for name, jar in sorted(in_image.items()) if name not in listed]
    problems += [f"in the SBOM, not in the image: {component.get('purl')}"
                 for name, component in sorted(listed.items()) if name not in in_image]
    print(f"sbom       {len(listed)} library components (CycloneDX {sbom.get('specVersion')}), "
          f"{len(in_image)} jars in the image's lib/: {'the same set' if not problems else 'MISMATCH'}")
    for problem in problems:
        print("MISMATCH: " + problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
