#!/usr/bin/env bash
# Scaffolds functions/<name>/ for a trained model in models/<name>/: the Maven module, its
# application.properties, a sample request and the two contract tests. No Java is written for the
# model: the tests extend FunctionContract and KnativeServiceContract from scoring/test-support.
# Usage: scripts/new-function.sh <name>
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=${1:?usage: scripts/new-function.sh <model name>}
[[ "$name" =~ ^[a-z]([a-z0-9-]*[a-z0-9])?$ ]] || { echo "'$name' must be a DNS label: lowercase letters, digits, '-'" >&2; exit 2; }
model="$root/models/$name"
fn="$root/functions/$name"
[ -f "$model/descriptor.json" ] || { echo "train the model first: models/train.sh $name" >&2; exit 2; }
[ ! -e "$fn" ] || { echo "$fn exists already" >&2; exit 2; }

package=$(echo "$name" | tr -d '-')
class=$(echo "$name" | awk -F- '{for (i = 1; i <= NF; i++) printf "%s", toupper(substr($i, 1, 1)) substr($i, 2)}')
testdir="$fn/src/test/java/dev/scoring/functions/$package"
mkdir -p "$fn/src/main/resources" "$testdir" "$fn/src/test/resources"

cat > "$fn/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
    <modelVersion>4.0.0</modelVersion>
    <parent>
        <groupId>dev.scoring</groupId>
        <artifactId>functions-parent</artifactId>
        <version>0.1.0-SNAPSHOT</version>
    </parent>
    <!-- The $name function: config (src/main/resources/application.properties) and tests only. -->
    <artifactId>$name-function</artifactId>
    <name>Function: $name</name>

    <properties>
        <scoring.model>$name</scoring.model>
    </properties>
</project>
POM

cat > "$fn/src/main/resources/application.properties" <<PROPS
# The $name scoring function. Everything not set here comes from the scoring extension's defaults;
# docs/configuration.md lists every key.

# Function name: the Knative Service name and the stem of its CloudEvent types
# (dev.scoring.$name.request -> dev.scoring.$name.scored).
quarkus.application.name=$name

# Scaling: from zero to at most 5 instances, each aiming at 50 requests in flight.
quarkus.knative.min-scale=0
quarkus.knative.max-scale=5
quarkus.knative.revision-auto-scaling.target=50
PROPS

cp "$root/functions/iris/src/test/resources/application.properties" "$fn/src/test/resources/"

# The sample request: the first held-out row, without its true label or value.
awk -F, 'NR == 1 { for (i = 1; i < NF; i++) h[i] = $i; next }
         NR == 2 { printf "{"; for (i = 1; i < NF; i++) printf "%s\"%s\": %s", (i > 1 ? ", " : ""), h[i], $i; print "}"; exit }' \
  "$model/holdout.csv" > "$fn/sample.json"

cat > "$testdir/${class}FunctionTest.java" <<JAVA
package dev.scoring.functions.$package;

import dev.scoring.testing.FunctionContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ${class}FunctionTest extends FunctionContract {
}
JAVA

cat > "$testdir/${class}RecordedAnswersTest.java" <<JAVA
package dev.scoring.functions.$package;

import dev.scoring.testing.RecordedAnswersContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ${class}RecordedAnswersTest extends RecordedAnswersContract {
}
JAVA

# The same contracts against the packaged function: with -Dnative, the native executable.
for contract in Function RecordedAnswers; do
cat > "$testdir/${class}${contract}IT.java" <<JAVA
package dev.scoring.functions.$package;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ${class}${contract}Test} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class ${class}${contract}IT extends ${class}${contract}Test {
}
JAVA
done

cat > "$testdir/${class}KnativeServiceIT.java" <<JAVA
package dev.scoring.functions.$package;

import dev.scoring.testing.KnativeServiceContract;

class ${class}KnativeServiceIT extends KnativeServiceContract {
}
JAVA

# Register the module with the functions reactor.
if ! grep -q "<module>$name</module>" "$root/functions/pom.xml"; then
  sed -i "s|    </modules>|        <module>$name</module>\n    </modules>|" "$root/functions/pom.xml"
fi
# The JVM build's answers, recorded once; every later build (JVM and native) must give them again.
echo "Created functions/$name. Record its answers, then build and test it:"
echo "  ./mvnw verify -pl functions/$name -am -Dtest=${class}RecordedAnswersTest -DrecordAnswers=true -Dsurefire.failIfNoSpecifiedTests=false -DskipITs"
echo "  ./mvnw verify -pl functions/$name -am"
