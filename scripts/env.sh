# Sourced by the other scripts: finds JDK 25 and checks (or installs) the system packages.
# shellcheck shell=bash

# util-linux: setpriv, which ties Festival to the JVM (it dies with the app, even on kill -9).
VOICEBOT_APT_PACKAGES=(festival festvox-us-slt-hts festlex-cmu festlex-poslex sox libspeexdsp1 util-linux)
# flite, espeak-ng and festvox-kallpc16k: the caller corpus's voices (callers that are not the bot).
# chromium and chromium-driver: the console's browser tests (Selenium drives them; nothing downloads a browser).
VOICEBOT_TEST_APT_PACKAGES=(sip-tester baresip-core tcpdump nftables iproute2 kamailio openssl flite espeak-ng festvox-kallpc16k postgresql-15 chromium chromium-driver)

voicebot_java_home() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] \
      && "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "2[5-9]'; then
    return 0
  fi
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64; do
    if [[ -x "$candidate/bin/java" ]]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "voicebot needs JDK 25: install Temurin 25 (or OpenJDK 25) and set JAVA_HOME." >&2
  return 1
}

# Installs missing Debian packages when running as root; otherwise says exactly what to run.
voicebot_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) -eq 0 ]]; then
    echo "Installing: ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "voicebot needs these Debian packages: sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
}

# The tests bind fixed loopback ports between 25000 and 59999 (SIP, RTP ranges, HTTP, Festival).
# Linux hands ports from its ephemeral range (32768-60999 by default) to every outgoing connection
# and unbound socket, so an unrelated client socket can hold a test's port at the moment the test
# binds it (seen in a CI run under load: "cannot listen on 127.0.0.1:50060/TCP ... Address already
# in use"). While the tests run, the ephemeral range moves above them (61000-65535), when this
# process may set it (root, a writable /proc/sys); the old range comes back on exit.
voicebot_test_port_range() {
  local knob=/proc/sys/net/ipv4/ip_local_port_range
  [[ -w $knob ]] || { echo "note: cannot move the ephemeral port range ($knob); a test's fixed port may be taken" >&2; return 0; }
  VOICEBOT_OLD_PORT_RANGE=$(tr -s '[:space:]' ' ' < "$knob")
  if echo "61000 65535" > "$knob" 2>/dev/null; then
    trap 'echo "$VOICEBOT_OLD_PORT_RANGE" > /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true' EXIT
  fi
}

# Builds the app and its test classes for a benchmark's main class and sets $classpath to run it.
# The tests are not run here: benchmarks are not tests, and CI runs the tests (scripts/test.sh).
# package, not install: other worktrees share ~/.m2, and the reactor resolves the modules from here.
voicebot_app_bench_classpath() {
  ./mvnw -q -B -pl app -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
  classpath="app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)"
}
