#!/usr/bin/env python3
"""Checks a function image as the registry serves it against what the build says it pushed.

Reads the output of `skopeo inspect`, `skopeo inspect --config` and `skopeo inspect --raw` (files),
the digest the build reported (Jib's target/jib-image.digest, or the AOT-enhanced image's digest), the generated Knative manifest and the model's
descriptor.json. Prints a summary; exits 1 with one line per mismatch.

Usage: image-inspect.py IMAGE INSPECT.json CONFIG.json MANIFEST.json DIGEST_FILE KNATIVE_YML DESCRIPTOR.json \
       [BASE_MANIFEST.json]   (to report the size the function adds to its base image)
"""
import json
import os
import re
import sys

EXPECTED_PORT = "8080/tcp"
LABEL_NAME, LABEL_VERSION, LABEL_SHA256 = "dev.scoring.model.name", "dev.scoring.model.version", "dev.scoring.model.sha256"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def service_images(knative_yml):
    """Every container image the manifest references (only the Knative Service has containers)."""
    with open(knative_yml, encoding="utf-8") as f:
        return [m.group(1).strip().strip('"\'') for m in re.finditer(r"^\s*(?:-\s+)?image:\s*(\S+)\s*$", f.read(), re.M)]


def numeric_non_root(user):
    """Kubernetes can only enforce runAsNonRoot for a numeric user other than 0."""
    uid = user.split(":", 1)[0]
    return uid.isdigit() and int(uid) != 0


def main(image, inspect_file, config_file, manifest_file, digest_file, knative_yml, descriptor_file,
         base_manifest_file=None):
    inspect, config, manifest, descriptor = load(inspect_file), load(config_file), load(manifest_file), load(descriptor_file)
    with open(digest_file, encoding="utf-8") as f:
        jib_digest = f.read().strip()
    cfg = config.get("config", {})
    labels = cfg.get("Labels") or {}
    user = cfg.get("User", "")
    entrypoint = cfg.get("Entrypoint") or []
    ports = sorted((cfg.get("ExposedPorts") or {}).keys())
    layers = manifest.get("layers", [])
    compressed = sum(layer["size"] for layer in layers)
    images = service_images(knative_yml)

    problems = []
    if inspect.get("Digest") != jib_digest:
        problems.append(f"registry digest {inspect.get('Digest')} is not the digest the build reported ({jib_digest})")
    if images != [image]:
        problems.append(f"{knative_yml} references {images}, expected exactly [{image}]")
    if not numeric_non_root(user):
        problems.append(f"user is '{user}': expected a numeric non-root user")
    if os.environ.get("IMAGE_KIND") == "native":
        # The native executable, with its heap capped: it does not size itself from the container's limit.
        if not entrypoint or not entrypoint[0].endswith("application"):
            problems.append(f"entrypoint {entrypoint} does not start the native executable")
        elif not any(arg.startswith("-Xmx") for arg in entrypoint):
            problems.append(f"entrypoint {entrypoint} does not cap the heap (-Xmx)")
    elif not entrypoint or "quarkus-run.jar" not in entrypoint:
        problems.append(f"entrypoint {entrypoint} does not start quarkus-run.jar")
    if EXPECTED_PORT not in ports:
        problems.append(f"exposed ports {ports} lack {EXPECTED_PORT}")
    expected_labels = {LABEL_NAME: descriptor["name"], LABEL_VERSION: descriptor["version"],
                       LABEL_SHA256: descriptor["model"]["sha256"]}
    for key, value in expected_labels.items():
        if labels.get(key) != value:
            problems.append(f"label {key} is {labels.get(key)!r}, the model descriptor says {value!r}")
    if "QUARKUS_LOG_CONSOLE_JSON_ENABLED=true" not in (cfg.get("Env") or []):
        problems.append(f"the image environment {cfg.get('Env')} does not switch JSON logs on")
    if os.environ.get("IMAGE_KIND") != "native" and cfg.get("Env") and not any(e.startswith("PATH=") for e in cfg["Env"]):
        problems.append("no PATH in the image environment: the entrypoint's 'java' cannot be found")

    print(f"image      {image}")
    print(f"digest     {inspect.get('Digest')} (the build reported {jib_digest})")
    print(f"manifest   {', '.join(images) or 'no image'} in {knative_yml}")
    print(f"user       {user}")
    print(f"entrypoint {' '.join(entrypoint)}")
    print(f"workdir    {cfg.get('WorkingDir', '')}")
    print(f"env        {' '.join(cfg.get('Env') or [])}")
    print(f"ports      {', '.join(ports)}")
    for key in (LABEL_NAME, LABEL_VERSION, LABEL_SHA256):
        print(f"label      {key}={labels.get(key)}")
    print(f"layers     {len(layers)}, {compressed / 1048576:.1f} MiB compressed "
          f"(largest {max((l['size'] for l in layers), default=0) / 1048576:.1f} MiB)")
    if base_manifest_file:
        base_digests = {layer["digest"] for layer in load(base_manifest_file).get("layers", [])}
        own = [layer for layer in layers if layer["digest"] not in base_digests]
        print(f"function   {len(own)} layers on top of the base, {sum(l['size'] for l in own) / 1048576:.1f} MiB compressed")
    for problem in problems:
        print(f"image-check: MISMATCH: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) not in (8, 9):
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
