#!/usr/bin/env bash
# What bearer-token verification costs: the same iris build measured with authentication off, on (as shipped:
# a caller's token verified once, then remembered, scoring.auth.token-cache.*) and on with every request's token
# verified (token-cache.size=0); an RS256 token verified against a configured public key, as a cached JWKS would
# be: no network call per request. The modes are interleaved in rounds (their order rotating), server pinned to
# one core and wrk to the other. Prints requests/s per path and mode and the ratios to "off";
# writes bench/results/auth-<date>.json.
#
# Usage: bench/auth-cost.sh [ROUNDS]
# Env:   AUTH_JAR (functions/iris/target/quarkus-app-auth/quarkus-run.jar: iris built with Quarkus OIDC), AUTH_WARMUP_S (20), AUTH_SECONDS (10),
#        AUTH_SERVER_CPUS (1), AUTH_CLIENT_CPUS (0), AUTH_PORT (18191)
# Needs: wrk, openssl, taskset (Debian: wrk, openssl, util-linux); nothing else may run meanwhile.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-3}
jar=${AUTH_JAR:-$root/functions/iris/target/quarkus-app-auth/quarkus-run.jar}
warmup=${AUTH_WARMUP_S:-20}
seconds=${AUTH_SECONDS:-10}
server_cpus=${AUTH_SERVER_CPUS:-1}
client_cpus=${AUTH_CLIENT_CPUS:-0}
port=${AUTH_PORT:-18191}
work=$root/bench/target/auth-cost
mkdir -p "$work"
for tool in wrk openssl taskset; do
  command -v $tool >/dev/null || { echo "auth-cost: $tool is not installed" >&2; exit 1; }
done
[ -f "$jar" ] || { echo "auth-cost: no $jar (./mvnw package -pl functions/iris -am -DskipTests" \
  "-Dquarkus.oidc.enabled=true -Dquarkus.package.output-directory=quarkus-app-auth)" >&2; exit 1; }

# A key pair for this run and a token signed with it (RS256), valid for the whole run.
openssl genrsa -out "$work/key.pem" 2048 2>/dev/null
public_key=$(openssl rsa -in "$work/key.pem" -pubout -outform DER 2>/dev/null | base64 -w0)
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
claims=$(printf '{"iss":"https://bench.scoring.test","aud":"iris","sub":"bench","iat":%d,"exp":%d}' \
  "$now" $((now + 86400)) | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$work/key.pem" -binary | b64url)
token="$header.$claims.$signature"

row='{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}'
printf '%s' "$row" > "$work/row.json"
lua() { # name body-file header...
  local name=$1 body=$2; shift 2
  { echo 'wrk.method = "POST"'
    for h in "$@"; do echo "wrk.headers[\"${h%%:*}\"] = \"${h#*: }\""; done
    echo "local f = assert(io.open(\"$body\", \"rb\")); wrk.body = f:read(\"*a\"); f:close()"; } > "$work/$name.lua"
}
# The token is sent in both modes: the difference measured is verification, not the header's bytes.
lua predict "$work/row.json" "Content-Type: application/json" "Authorization: Bearer $token"
lua binary "$work/row.json" "Content-Type: application/json" "ce-id: auth-1" "ce-specversion: 1.0" \
  "ce-source: /bench" "ce-type: dev.scoring.iris.request" "Authorization: Bearer $token"
paths=("predict /predict" "binary /")

jvm_options=(-XX:-UsePerfData -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=2000 -XX:MaxRAM=512m)
results=()
measure() { # label mode(off|on|uncached)
  local label=$1 mode=$2
  local settings=(-Dquarkus.http.port=$port -Dquarkus.log.console.json.enabled=false)
  if [ "$mode" = uncached ]; then
    settings+=(-Dscoring.auth.token-cache.size=0)
  fi
  if [ "$mode" != off ]; then
    settings+=(-Dscoring.auth.enabled=true "-Dquarkus.oidc.public-key=$public_key"
      -Dquarkus.oidc.token.issuer=https://bench.scoring.test -Dquarkus.oidc.token.audience=iris)
  fi
  taskset -c "$server_cpus" java "${jvm_options[@]}" "${settings[@]}" -jar "$jar" > "$work/$label.log" 2>&1 &
  local pid=$!
  local status=000
  for _ in $(seq 1 300); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $token" -d "$row" "http://127.0.0.1:$port/predict" || true)
    [ "$status" = 200 ] && break
    sleep 0.1
  done
  [ "$status" = 200 ] || { kill "$pid"; echo "auth-cost: $label never scored (HTTP $status); see $work/$label.log" >&2; exit 1; }
  if [ "$mode" != off ]; then # the check that verification is on: no token, no score
    status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$row" \
      "http://127.0.0.1:$port/predict")
    [ "$status" = 401 ] || { kill "$pid"; echo "auth-cost: authentication is not on (HTTP $status)" >&2; exit 1; }
  fi
  for p in "${paths[@]}"; do
    set -- $p
    taskset -c "$client_cpus" wrk -t1 -c32 -d"${warmup}s" -s "$work/$1.lua" "http://127.0.0.1:$port$2" > /dev/null
  done
  local line="$label"
  for p in "${paths[@]}"; do
    set -- $p
    local out
    out=$(taskset -c "$client_cpus" wrk -t1 -c32 -d"${seconds}s" -s "$work/$1.lua" "http://127.0.0.1:$port$2")
    if echo "$out" | grep -q "Non-2xx"; then
      kill "$pid"; echo "auth-cost: $label $1 answered errors: $out" >&2; exit 1
    fi
    local rps
    rps=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
    line="$line $1=${rps%.*}"
    results+=("$mode $1 ${rps%.*}")
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$line"
}
echo "auth-cost: $jar, $rounds rounds, ${seconds}s per path after ${warmup}s warm-up, server on CPU $server_cpus"
for round in $(seq 1 "$rounds"); do
  case $((round % 3)) in
    1) order="off on uncached" ;;
    2) order="on uncached off" ;;
    0) order="uncached off on" ;;
  esac
  for mode in $order; do measure "round$round-auth-$mode" "$mode"; done
done

out=$root/bench/results/auth-$(date -u +%Y-%m-%dT%H%MZ).json
printf '%s\n' "${results[@]}" | /usr/bin/python3 -c '
import json, statistics, sys
rows = [line.split() for line in sys.stdin if line.strip()]
by = {}
for mode, path, rps in rows:
    by.setdefault(path, {}).setdefault(mode, []).append(int(rps))
summary = {}
for path, modes in by.items():
    off, on, uncached = (statistics.median(modes[m]) for m in ("off", "on", "uncached"))
    summary[path] = {"off_rps": modes["off"], "on_rps": modes["on"], "uncached_rps": modes["uncached"],
                     "median_off": off, "median_on": on, "median_uncached": uncached,
                     "ratio_on_off": round(on / off, 3), "ratio_uncached_off": round(uncached / off, 3)}
    print(f"{path}: auth off {off:.0f} req/s, on {on:.0f} req/s (on/off {on / off:.3f}, cost "
          f"{100 * (1 - on / off):.1f}%), on without token cache {uncached:.0f} req/s (uncached/off "
          f"{uncached / off:.3f}, cost {100 * (1 - uncached / off):.1f}%)   [medians]")
json.dump({"machine_cpus": __import__("os").cpu_count(), "rounds": len(next(iter(by.values()))["off"]),
           "paths": summary}, open(sys.argv[1], "w"), indent=2)
' "$out"
echo "auth-cost: written $out"
