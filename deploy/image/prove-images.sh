#!/usr/bin/env bash
# Builds every service's image with Jib as a tarball on the offline stand-in base (local-base.sh)
# and prints what a registry would receive: config (user, entrypoint, ports, env, labels) and
# layers. Needs the modules installed (./mvnw install -DskipTests) or built in the same reactor.
#   deploy/image/prove-images.sh [service...]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
base="$PWD/target/ore-local-base.tar"
[ -f "$base" ] || deploy/image/local-base.sh "$base"
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(auth-service location-service game-service realtime-engine chain-gateway)
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
for service in "${services[@]}"; do
  ./mvnw -B -ntp -q -pl "$service" jib:buildTar -Dore.image.base="tar://$base" -Dore.image.revision="$revision" \
    -Djib.to.image="ore/$service:$revision"
  tarball="$service/target/jib-image.tar"
  python3 - "$tarball" "$service" <<'PY'
import json, sys, tarfile
path, service = sys.argv[1], sys.argv[2]
with tarfile.open(path) as t:
    manifest = json.load(t.extractfile("manifest.json"))[0]
    config = json.load(t.extractfile(manifest["Config"]))
    sizes = [t.getmember(layer).size for layer in manifest["Layers"]]
c = config["config"]
print(f"== {service}: {path} ({sum(sizes) / 1e6:.1f} MB in {len(sizes)} layers), tag {manifest['RepoTags'][0]}")
print(f"   user {c.get('User')}, workdir {c.get('WorkingDir')}, ports {sorted(c.get('ExposedPorts', {}))}, volumes {sorted(c.get('Volumes') or {})}")
print(f"   entrypoint {' '.join(c.get('Entrypoint', []))}")
print(f"   env {[e for e in c.get('Env', []) if not e.startswith('PATH=')]}")
for key, value in sorted(c.get("Labels", {}).items()):
    print(f"   label {key}={value}")
PY
done
