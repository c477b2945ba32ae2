#!/usr/bin/env bash
# Assembles a stand-in for the eclipse-temurin:25-jre base image as a `docker save` tarball, from a
# jlinked runtime of the local JDK, so that Jib can build ORE's images where no registry is
# reachable (this repository's CI machines). The result proves the image configuration Jib writes
# (user, entrypoint, ports, environment, labels, layers); it is not for running: it has no libc,
# no bash and no CA bundle of its own, which the real base provides.
#
#   deploy/image/local-base.sh [output.tar]      (default: target/ore-local-base.tar)
#   ./mvnw -pl auth-service jib:buildTar -Dore.image.base=tar://$PWD/target/ore-local-base.tar
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-target/ore-local-base.tar}"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/rootfs/opt/java" "$work/image"
"$java_home/bin/jlink" --output "$work/rootfs/opt/java/openjdk" --strip-debug --no-header-files \
  --no-man-pages --compress=zip-6 \
  --add-modules java.se,jdk.unsupported,jdk.management,jdk.crypto.cryptoki,jdk.naming.dns,jdk.net,jdk.zipfs,jdk.httpserver
# Reproducible layer: fixed owner and time, sorted entries.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='1970-01-01 00:00:01' \
  -C "$work/rootfs" -cf "$work/image/layer.tar" opt
diff_id=$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)
cat > "$work/image/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=en_US.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created_by":"deploy/image/local-base.sh: jlink of $("$java_home/bin/java" -version 2>&1 | head -1 | tr -d '"')"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["ore-local-base:25"],"Layers":["layer.tar"]}]' > "$work/image/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$work/image" -cf "$out" manifest.json config.json layer.tar
echo "$out: $(du -h "$out" | cut -f1), layer sha256:$diff_id"
