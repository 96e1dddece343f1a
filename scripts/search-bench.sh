#!/usr/bin/env bash
# Issue #4's search goal (p99 <= 50 ms on 1 M documents): indexer/src/test/java/io/yuqing/indexer/store/SearchBench.java.
#   scripts/search-bench.sh [build|run|all] [dir=/tmp/yuqing-1m] [docs=1000000] [queries=2400] [shared=/work/shared]
# The index is built once into DIR/index (15-40 min on 2 shared cores; progress on stdout) and reused after that.
# Builds the modules into their target/ directories (never installs); heap capped at 1 GB.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
# shellcheck source=scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
yuqing_find_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
cd "$root"
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -o -pl indexer -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec java -Xmx1g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Dfile.encoding=UTF-8 \
  -cp "indexer/target/test-classes:indexer/target/classes:$(cat "$cp_file")" io.yuqing.indexer.store.SearchBench "$@"
