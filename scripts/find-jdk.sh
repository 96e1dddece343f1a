# Sourced by ./yuqing and .ci/run: sets JAVA_HOME to a JDK 21 or newer, or explains what is missing.
# Order: $JAVA_HOME if it is 21+, the `java` on PATH if it is 21+, then the newest JDK under /usr/lib/jvm.

yuqing_java_major() { # prints the major version of the java binary $1, or 0
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1)
  case "$v" in
    1.*) echo "${v#1.}" | cut -d. -f1 ;;
    "") echo 0 ;;
    *) echo "$v" | cut -d. -f1 ;;
  esac
}

yuqing_find_jdk() {
  local candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(yuqing_java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(yuqing_java_major "$candidate/bin/java")" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(yuqing_java_major "$candidate/bin/java")
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -n "$best" ]; then
    export JAVA_HOME="$best"
    return 0
  fi
  echo "yuqing: needs a JDK 21 or newer, and found none." >&2
  echo "  Checked \$JAVA_HOME, the javac on PATH and /usr/lib/jvm. Install one (e.g. 'apt-get install openjdk-21-jdk'" >&2
  echo "  or Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}
