# Sourced by scripts/run-function.sh and scripts/aot-cache-check.sh: a function on Java 25 started the way its
# image starts it (docs/container-images.md): Quarkus' aot-jar packaging, an AOT cache written by a training run
# of that very build, and the image's JVM options and memory limit. Needs $root (the checkout).

JAVA25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java25=$JAVA25_HOME/bin/java

have_java25() {
  [ -x "$java25" ] && "$java25" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'
}

# The image's JVM options: the extension's quarkus.jib.jvm-additional-arguments, the log manager Quarkus' image
# sets, and the Knative memory limit the container would give the JVM to size itself from.
image_jvm_options() {
  local props=$root/scoring/runtime/src/main/resources/META-INF/microprofile-config.properties
  local extra limit
  extra=$(sed -n 's/^quarkus.jib.jvm-additional-arguments=//p' "$props" | tr ',' ' ')
  limit=$(sed -n 's/^quarkus.knative.resources.limits.memory=//p' "$props")
  echo "-Djava.util.logging.manager=org.jboss.logmanager.LogManager $extra -XX:MaxRAM=${limit%Mi}m"
}

# image_java APP_DIR PORT [JVM_OPTION...]: execs Java 25 on APP_DIR's quarkus-run.jar with the image's JVM options
# on PORT, the options given (the cache: -XX:AOTCache=... or -XX:AOTCacheOutput=...) after them. Run it in the
# background (image_java ... &): it execs the JVM, so $! is the JVM's pid. PIN_CPUS (optional) pins it with taskset.
image_java() {
  local app=$1 port=$2
  shift 2
  # shellcheck disable=SC2046  # the options are separate words
  exec ${PIN_CPUS:+taskset -c "$PIN_CPUS"} "$java25" $(image_jvm_options) -Dquarkus.http.port="$port" "$@" \
    -jar "$app/quarkus-run.jar"
}

# build_aot_jar NAME: functions/NAME/target/quarkus-app-aot (the fast-jar in target/quarkus-app stays as it is)
build_aot_jar() {
  (cd "$root" && ./mvnw -B -q package -pl "functions/$1" -am -DskipTests \
    -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=quarkus-app-aot)
}

# cache_is_current APP_DIR CACHE: the cache exists and no jar of the build is newer (a new build needs a new cache;
# the JVM would refuse the old one and start without it)
cache_is_current() {
  [ -s "$2" ] && [ -z "$(find "$1" -name '*.jar' -newer "$2" -print -quit)" ]
}

# wait_until_ready PORT PID [SECONDS]: polls readiness every 20 ms, up to SECONDS (default 60); fails early when the
# process has exited
wait_until_ready() {
  for _ in $(seq 1 $(( ${3:-60} * 50 ))); do
    curl -fs "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.02
  done
  return 1
}

# train_aot_cache NAME APP_DIR CACHE PORT LOG: Java 25's one-step workflow (-XX:AOTCacheOutput): the function serves
# scripts/aot-train.py's workload (every path it serves), and the JVM writes the cache when it stops.
train_aot_cache() {
  local name=$1 app=$2 cache=$3 port=$4 log=$5 pid
  rm -f "$cache"
  image_java "$app" "$port" -XX:AOTCacheOutput="$cache" -Dquarkus.log.console.json.enabled=false > "$log" 2>&1 &
  pid=$!
  if ! wait_until_ready "$port" "$pid"; then
    kill "$pid" 2>/dev/null; tail -20 "$log" >&2; echo "the training run did not become ready" >&2; return 1
  fi
  python3 "$root/scripts/aot-train.py" "http://127.0.0.1:$port" "$name" "$root/functions/$name/sample.json" \
    "${AOT_ROUNDS:-30}" >> "$log" || { kill "$pid"; return 1; }
  kill -TERM "$pid"
  wait "$pid" || true
  [ -s "$cache" ] || { tail -20 "$log" >&2; echo "the training run wrote no AOT cache" >&2; return 1; }
}
