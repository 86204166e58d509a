#!/usr/bin/env bash
# Runs every test: unit tests and end-to-end calls with real SIPp and baresip on loopback.
# Needs root (or sudo) for the packages, tcpdump and SIPp's raw-socket RTP playback.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
voicebot_java_home
voicebot_packages "${VOICEBOT_APT_PACKAGES[@]}" "${VOICEBOT_TEST_APT_PACKAGES[@]}"
voicebot_test_port_range
./mvnw -B verify "$@"
