#!/usr/bin/env bash
# Builds the small base images of the functions without Docker and without any public registry, and
# pushes them to the local registry (scripts/local-registry.sh). Users keep Quarkus' default public
# base images; these exist so that images can be built, inspected and run on a machine that reaches
# no public registry (scripts/image-check.sh).
#
# Two kinds, each assembled from scratch with buildah (vfs storage under target/, so run as root):
#   JVM base (default)
#     /opt/java    a jlink-ed Java runtime with only the modules a function needs (list below)
#     /lib*, ...   the shared libraries that runtime links against (glibc, libstdc++, libz...), copied
#                  from this host as ldd resolves them
#   native base (--native EXECUTABLE)
#     /lib*, ...   only the ELF interpreter and the shared libraries the native executable links
#                  against (glibc and libz), as ldd resolves them: no shell, no package manager
# Both: /etc with passwd/group (root and the non-root user 185 the functions run as), nsswitch.conf and
# hosts; /tmp writable (1777); user 185, LANG=C.UTF-8 (glibc's built-in locale).
#
# Usage: scripts/base-image.sh                       JVM base
#        scripts/base-image.sh --native EXECUTABLE   native base for that executable's libraries
# Env:   REGISTRY_PORT (15000), BASE_JDK (the JDK that is linked; default Debian's OpenJDK 17, what the
#        functions are compiled for and tested on), BASE_IMAGE (JVM: 127.0.0.1:$REGISTRY_PORT/scoring/jvm-base:<its
#        major version>; native: 127.0.0.1:$REGISTRY_PORT/scoring/native-base:glibc-<version>)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${REGISTRY_PORT:-15000}
native_exe=
if [ "${1:-}" = --native ]; then
  native_exe=${2:?usage: scripts/base-image.sh --native EXECUTABLE}
fi
jdk=${BASE_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
java_major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release" 2>/dev/null || true)
glibc_host=$(ldd --version 2>/dev/null | sed -n '1s/.* \([0-9]*\.[0-9]*\)$/\1/p')
if [ -n "$native_exe" ]; then
  image=${BASE_IMAGE:-127.0.0.1:$port/scoring/native-base:glibc-${glibc_host:-unknown}}
  work=$root/target/native-base-image
else
  image=${BASE_IMAGE:-127.0.0.1:$port/scoring/jvm-base:${java_major:-17}}
  work=$root/target/base-image
fi
rootfs=$work/rootfs

# From `jdeps -s --multi-release 17` over every jar of a built function (java.base, java.logging,
# java.management, java.naming, java.sql, java.desktop for java.beans, java.xml, java.net.http,
# java.compiler, jdk.unsupported, jdk.management, jdk.jfr), plus modules only found through service
# loading at run time: jdk.crypto.ec (TLS key exchange for outbound TLS), jdk.zipfs, jdk.naming.dns
# (Netty's DNS resolver reads name servers through JNDI).
modules=java.base,java.logging,java.management,java.naming,java.sql,java.desktop,java.xml,java.net.http
modules=$modules,java.compiler,jdk.unsupported,jdk.management,jdk.jfr,jdk.crypto.ec,jdk.zipfs,jdk.naming.dns
# The Java user of the functions (quarkus.jib.user): numeric, so Kubernetes can verify runAsNonRoot.
uid=185

fail() { echo "base-image: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (buildah with the vfs storage driver)"
for tool in buildah ldd objcopy readelf; do command -v $tool >/dev/null || fail "$tool is not installed"; done
if [ -n "$native_exe" ]; then
  [ -x "$native_exe" ] || fail "no native executable at $native_exe"
else
  # JDK 24+ can link from its own run-time image (JEP 493), older ones need their jmods.
  [ -x "$jdk/bin/jlink" ] && { [ -d "$jdk/jmods" ] || [ "${java_major:-0}" -ge 24 ]; } \
    || fail "$jdk has no jlink or no jmods; set BASE_JDK"
fi
curl -fs -o /dev/null "http://${image%%/*}/v2/" || fail "no registry answers at ${image%%/*}; run scripts/local-registry.sh start"

rm -rf "$work"
mkdir -p "$rootfs/opt" "$rootfs/etc" "$rootfs/tmp"

copy_lib() {
  local path=$1
  [ -e "$rootfs$path" ] && return
  mkdir -p "$rootfs$(dirname "$path")"
  cp -L "$path" "$rootfs$path"
}
# The ELF interpreter and every shared library the given files resolve to on this host.
copy_libs_of() {
  local interpreter
  interpreter=$(readelf -l "$1" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
  [ -n "$interpreter" ] || fail "no ELF interpreter found in $1"
  copy_lib "$interpreter"
  while read -r lib; do
    copy_lib "$lib"
  done < <(ldd "$@" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | grep -v "^$rootfs" | sort -u)
}

if [ -n "$native_exe" ]; then
  echo "==> shared libraries of $native_exe"
  copy_libs_of "$native_exe"
  title=scoring-native-base
  description="glibc and the shared libraries of the scoring functions' native executables, nothing else"
  java_version=
else
  echo "==> jlink: $modules"
  "$jdk/bin/jlink" --add-modules "$modules" --output "$rootfs/opt/java" \
    --strip-java-debug-attributes --strip-native-debug-symbols=objcopy="$(command -v objcopy)" --no-header-files --no-man-pages \
    --exclude-files='glob:/java.desktop/lib/**.so'
  # AWT's native libraries are left out (they pull in X11): java.beans works, graphics would not.
  # The default class data sharing archive: a faster JVM start, which scale-from-zero waits for.
  "$rootfs/opt/java/bin/java" -Xshare:dump > "$work/cds.log"

  echo "==> shared libraries"
  mapfile -t java_files < <(find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \))
  copy_libs_of "$rootfs/opt/java/bin/java" "${java_files[@]}"
  title=scoring-jvm-base
  description="jlink-ed Java runtime and glibc for the scoring functions"
fi
# glibc's own libraries record where they came from, for the image's label.
libc=$(find "$rootfs" -name 'libc.so.6' | head -1)
glibc_version=$("$libc" 2>/dev/null | sed -n '1s/.*version \([0-9]*\.[0-9]*\).*/\1/p' || true)

cat > "$rootfs/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/sbin/nologin
scoring:x:$uid:0:scoring function:/home/jboss:/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<GROUP
root:x:0:
scoring:x:$uid:
GROUP
echo 'hosts: files dns' > "$rootfs/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$rootfs/etc/hosts"
chmod 1777 "$rootfs/tmp"

# Sanity check before anything is pushed, as the non-root user inside the tree (a private mount
# namespace that disappears with the check).
mkdir -p "$rootfs/proc"
if [ -n "$native_exe" ]; then
  # The dynamic loader of the tree resolves every library of the executable from the tree alone.
  cp "$native_exe" "$rootfs/tmp/application"
  unshare --mount --fork sh -c 'mount -t proc proc "$1/proc" && exec chroot --userspec="$2:0" "$1" "$3" --list /tmp/application' \
    sh "$rootfs" "$uid" "$(readelf -l "$native_exe" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')" \
    > "$work/libraries.txt" 2>&1 || { cat "$work/libraries.txt" >&2; fail "the executable's libraries do not resolve inside the image tree"; }
  ! grep -q 'not found' "$work/libraries.txt" || { cat "$work/libraries.txt" >&2; fail "a library is missing from the image tree"; }
  rmdir "$rootfs/opt"
  env=(--env PATH=/usr/bin:/bin)
else
  # The launcher finds libjli.so relative to /proc/self/exe, so /proc is mounted.
  unshare --mount --fork sh -c 'mount -t proc proc "$1/proc" && exec chroot --userspec="$2:0" "$1" /opt/java/bin/java -XX:-UsePerfData -version' \
    sh "$rootfs" "$uid" > "$work/java-version.txt" 2>&1 \
    || { cat "$work/java-version.txt" >&2; fail "the Java runtime does not start inside the image tree"; }
  java_version=$(sed -n '1s/.*version "\([^"]*\)".*/\1/p' "$work/java-version.txt")
  env=(--env PATH=/opt/java/bin:/usr/bin:/bin --env JAVA_HOME=/opt/java
       --label dev.scoring.base.java-version="$java_version" --label dev.scoring.base.java-modules="$modules")
fi
find "$rootfs/tmp" -mindepth 1 -delete

echo "==> buildah: $image"
bh() { buildah --root "$work/storage" --runroot "$work/run" --storage-driver vfs "$@"; }
ctr=$(bh from --quiet scratch)
mnt=$(bh mount "$ctr")
cp -a "$rootfs/." "$mnt/"
bh umount "$ctr" > /dev/null
bh config --os linux --arch amd64 --user "$uid:0" --workingdir / "${env[@]}" --env LANG=C.UTF-8 \
  --label org.opencontainers.image.title="$title" \
  --label org.opencontainers.image.description="$description" \
  --label dev.scoring.base.glibc-version="$glibc_version" \
  "$ctr"
bh commit --quiet --rm "$ctr" "$title" > /dev/null
bh push --quiet --tls-verify=false "$title" "docker://$image"
rm -rf "$work/storage" "$work/run"

size=$(skopeo inspect --tls-verify=false --raw "docker://$image" | python3 -c \
  'import json,sys; m=json.load(sys.stdin); print(sum(l["size"] for l in m["layers"]))')
echo "base-image: pushed $image (${java_version:+Java $java_version, }glibc $glibc_version, $(du -sh "$rootfs" | cut -f1) unpacked," \
  "$((size / 1024 / 1024)) MiB compressed)"
