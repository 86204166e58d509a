#!/usr/bin/env bash
# Benchmark (not a test): the bot called by the caller corpus (voices that are not its own, and
# real people's digits from ../shared/data/fsdd), clean and at 15 dB SNR, on an echo-free and on
# an echoing line, with SIPp against an in-process bot, RTP captured with tcpdump. Writes intent
# success, word error rate, voice-to-voice over all replies, barge-in stop time, false barge-ins,
# self-heard lines and human order-number read-backs to docs/benchmarks/callers.md.
# Needs root (tcpdump, SIPp's raw-socket RTP playback).
# Usage: scripts/bench-callers.sh [calls per cell]   (default 1: 40 calls, about 10 minutes on 2 cores;
#   each further call per cell adds about as much again)
#   BENCH_KINDS=REQUEST,SILENT scripts/bench-callers.sh 1   only these kinds of call (REQUEST,
#   TALK_OVER, SILENT, ORDER_NUMBER); the markdown is still written, with only their rows
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
voicebot_java_home
voicebot_packages "${VOICEBOT_APT_PACKAGES[@]}" "${VOICEBOT_TEST_APT_PACKAGES[@]}"
size="${1:-1}"
voicebot_app_bench_classpath
tables=app/target/callers-tables.md
rm -f "$tables"
# -Xss16m: onnxruntime loads the Silero model on the launcher's main thread here (Spring starts
# there), and its graph loading recursed past the default 1 MB stack (a SIGSEGV, no hs_err file).
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseZGC -Xss16m -cp "$classpath" \
  -Dvoicebot.repo="$PWD" -Dvoicebot.corpus.cache="$PWD/app/target/caller-corpus" -Dlogging.level.root=WARN \
  dev.voicebot.app.bench.CallersBenchmark "$size" "$tables" "${BENCH_KINDS:-}"

out=docs/benchmarks/callers.md
{
  echo "# The bot called by other voices: intent, words, latency, barge-in"
  echo
  echo "Command: \`scripts/bench-callers.sh $size\` ($size call(s) per cell; as root: tcpdump and SIPp's raw-socket"
  echo "RTP playback). Commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs' || echo ' (with local changes)'),"
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)."
  echo
  cat <<'METHOD'
The bot (in-process, embedded stack: Silero VAD, Vosk small en-us, Festival slt, PCMU, the demo
dialplan) is called with SIPp on loopback; tcpdump captures its RTP ports. The callers come from
the caller corpus (`bot-pipeline` tests, `dev.voicebot.pipeline.corpus`): flite kal16 and rms,
espeak-ng en-us and en-us+f3, Festival kal diphone (never the bot's own slt), and the fsdd
speakers' recorded digits; at phone band (300-3400 Hz, 8 kHz), -26 dBov active level, clean or with
seeded pink noise 15 dB below the speech. Phrasings (`caller-utterances.tsv`) are rotated over the
cells, mostly not the dialplan's own examples.

- **line**: echo-free is SIPp playing the caller's pcap; echoing is the test harness's
  `EchoingLine` (the bot's audio back 6 dB down after 40 ms, mixed with the caller in one stream).
- **intent ok**: the call record's transcript has the bot's reply for the caller's intent.
- **WER**: the call record's CALLER lines said while the caller talked, against the words said.
- **voice-to-voice**: for every reply (answers, reprompts, prompts, read-backs: a bot talkspurt
  0.1-4 s after caller speech heard since the bot's previous talkspurt), the caller's last voiced
  packet → the bot's first voiced packet; when the caller talked comes from the corpus's
  noise-free speech placed at its first packet on the wire (on the echoing line, at the bot's first
  packet), not from the captured stream, which noise and echo make "voiced" too.
- **barge-in stop**: talk-over calls (the caller starts 0.9 s into the greeting): the caller's first
  voiced packet → the bot's last voiced packet of that talkspurt.
- **false barge-ins**: calls where the caller said nothing over the greeting but the bot cut it
  (10+ voiced packets fewer than the clean calls' median) or paused in it (300 ms longer than their
  longest pause).
- **self-heard lines**: CALLER lines recorded while the caller was not talking (more than 3 s
  after its last words, or on a silent call): the bot heard itself, its echo, or the noise.
- **human order numbers**: "where is my order" (flite rms), then five digits by an fsdd speaker
  with 300, 700 or 1200 ms between them; "read back exactly" counts confirmations with all five right.
METHOD
  echo
  cat "$tables"
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out"
