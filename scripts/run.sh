#!/usr/bin/env bash
# Runs voicebot on the embedded default stack, answering SIP on UDP/TCP 5060 with the dialplans
# in ./dialplans. Extra arguments are Spring properties, e.g. --voicebot.sip.port=5070.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
voicebot_java_home
voicebot_packages "${VOICEBOT_APT_PACKAGES[@]}"
./mvnw -q -B -DskipTests install
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseZGC \
  -jar app/target/voicebot.jar --voicebot.dialplans.directory=dialplans "$@"
