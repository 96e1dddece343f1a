#!/usr/bin/env bash
# The sustained-load run of issue 7 (app/src/test/java/io/yuqing/app/SustainedLoadBench.java), heap capped at 512 MB:
# a simulated web on loopback through the whole service, then Lucene vs Elasticsearch ingest as ratios to raw smartcn.
#   scripts/load-bench.sh [seconds=600] [rate=200] [hosts=8] [ingest-docs=3000]
# Builds the modules into their target/ directories (never installs), then runs the bench.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
# shellcheck source=scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
yuqing_find_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
cd "$root"
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -o -pl app -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec java -Xmx512m --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Dfile.encoding=UTF-8 \
  -cp "app/target/test-classes:app/target/classes:$(cat "$cp_file")" io.yuqing.app.SustainedLoadBench "$@"
