#!/bin/sh
# Puts the bearer token where prometheus.yml reads it, then runs Prometheus with the given flags.
set -eu
umask 077
printf '%s' "$VOICEBOT_HTTP_TOKEN" > /tmp/voicebot-token
exec /bin/prometheus "$@"
