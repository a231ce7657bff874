# Sourced by mvnw and scripts/*: sets JAVA_HOME to a JDK >= 21 and puts it first on PATH.
# Order: $JAVA_HOME if it is >= 21, else the newest JDK >= 21 under /usr/lib/jvm.

larch_java_major() {
  # Prints the major version of the JDK at $1 (empty if it is not a JDK).
  local home=$1 line
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  line=$("$home/bin/java" -version 2>&1 | head -n 1)
  line=${line#*\"}; line=${line%%\"*}
  case $line in 1.*) line=${line#1.} ;; esac
  echo "${line%%[.+-]*}"
}

larch_find_java() {
  local best="" best_major=0 home major
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(larch_java_major "$JAVA_HOME" 2>/dev/null || true)
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      best=$JAVA_HOME; best_major=$major
    fi
  fi
  if [ -z "$best" ]; then
    for home in /usr/lib/jvm/*; do
      [ -d "$home" ] || continue
      major=$(larch_java_major "$home" 2>/dev/null || true)
      [ -n "$major" ] || continue
      if [ "$major" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
        best=$home; best_major=$major
      fi
    done
  fi
  if [ -z "$best" ]; then
    echo "LarchDB needs a JDK 21 or newer: set JAVA_HOME to one, or install one under /usr/lib/jvm." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}
