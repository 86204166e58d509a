#!/usr/bin/env bash
# Benchmark (not a test), offline: every request of the caller corpus in every caller voice (never
# the bot's), clean and at 15 dB SNR, over G.711, heard by the bot's Vosk recognizer and matched by
# the demo's intent matcher; intents right / wrong / none with the recognizer's best reading alone
# and with its other readings (as the bot uses them). Writes docs/benchmarks/intents.md.
# Usage: scripts/bench-intents.sh      (about 5 minutes on 2 cores; one core used)
#   BENCH_OUT=file.md    write there instead
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
voicebot_java_home
voicebot_packages "${VOICEBOT_APT_PACKAGES[@]}" "${VOICEBOT_TEST_APT_PACKAGES[@]}"
voicebot_app_bench_classpath
tables=app/target/intents-tables.md
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xss16m -cp "$classpath" \
  -Dvoicebot.repo="$PWD" -Dvoicebot.corpus.cache="$PWD/app/target/caller-corpus" -Dlogging.level.root=WARN \
  dev.voicebot.app.bench.IntentsBenchmark "$tables"

out="${BENCH_OUT:-docs/benchmarks/intents.md}"
{
  echo "# What the demo understands of callers it never heard, offline"
  echo
  echo "Command: \`scripts/bench-intents.sh\`. Commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs' || echo ' (with local changes)'),"
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)."
  echo
  cat <<'METHOD'
Every request of the caller corpus (`caller-utterances.tsv`: the demo's four intents, mostly in
words that are not the dialplan's examples) said by each caller voice (flite kal16 and rms,
espeak-ng en-us and en-us+f3, Festival kal; never the bot's slt), at phone band, -26 dBov, clean or
with pink noise 15 dB below the speech; u-law both ways; recognized by the bot's Vosk model
(`VoskRecognizer`, as in a call but without the VAD's segmentation); matched by the demo dialplan's
intent matcher (words and sentence embeddings). **Right**: the intent asked for; **wrong**:
another intent (the bot would answer the wrong question); **none**: no intent (the bot asks
again). **Best reading**: the recognizer's most likely words alone; **with other readings**: what
the bot does, its n-best when the best reading means nothing (an intent two other readings agree on).
Many "none" are the recognizer's: voices it hears badly (espeak-ng) give words no matcher could read.

METHOD
  cat "$tables"
} > "$out"
echo "wrote $out"
