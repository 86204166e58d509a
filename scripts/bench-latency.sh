#!/usr/bin/env bash
# Benchmark (not a test): places N calls of each kind (question; talking over the greeting) with
# SIPp against an in-process bot, captures RTP with tcpdump, and prints voice-to-voice latency,
# barge-in stop time and the per-stage breakdown. Needs root (tcpdump, SIPp raw sockets).
# Usage: scripts/bench-latency.sh [calls]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
voicebot_java_home
voicebot_packages "${VOICEBOT_APT_PACKAGES[@]}" "${VOICEBOT_TEST_APT_PACKAGES[@]}"
./mvnw -q -B -DskipTests install
./mvnw -q -B -pl app exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.voicebot.app.bench.VoiceLatencyBenchmark -Dexec.args="${1:-10}" \
  -Dvoicebot.repo="$PWD" -Dlogging.level.root=WARN
