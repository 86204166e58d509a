#!/usr/bin/env bash
# Benchmark (not a test): how many calls at once the bot takes on this machine. Two ladders
# against an in-process bot on loopback, placed with SIPp, written to docs/benchmarks/capacity.md:
#  - speech: the full embedded pipeline; N corpus callers (voices that are not the bot's) at once,
#    each asking one request after the greeting; answered correctly = the call record has the reply.
#  - media: voicebot.bench.media-only (the caller's audio echoed, no speech pipeline): the media
#    plane alone, then a soak of many short calls (heap, threads, descriptors before and after).
# Per step: answered (correctly), the media clock's pacing p50/p99/max, late and lost packets,
# CPU per call, live heap with the calls up and per call; where the knee is.
# Needs root (SIPp's raw-socket RTP playback). Ports 53000-55999 on 127.0.0.1.
# Usage: scripts/bench-capacity.sh            (about 12 minutes on 2 cores)
#   SPEECH_STEPS=8,16,24,32 MEDIA_STEPS=50,100,200,300,400,500 SOAK_CALLS=2000 scripts/bench-capacity.sh
#   BENCH_MODES=media scripts/bench-capacity.sh     one ladder only (the other's table is left out)
#   BENCH_JFR=1 ...      also records a JFR profile of each run in app/target/capacity-<mode>.jfr
#   CALLS_PER_SECOND=50  how fast the media ladder's SIPp places calls
#   BENCH_OUT=file.md    write there instead of docs/benchmarks/capacity.md
#   CAPACITY_FILE=path   where the speech ladder's knee goes as max-concurrent-calls=N, the file
#                        voicebot.calls.capacity-file reads (default target/capacity.properties)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
voicebot_java_home
voicebot_packages "${VOICEBOT_APT_PACKAGES[@]}" "${VOICEBOT_TEST_APT_PACKAGES[@]}"
speech_steps="${SPEECH_STEPS:-8,16,24,32}"
media_steps="${MEDIA_STEPS:-50,100,200,300,400,500}"
soak_calls="${SOAK_CALLS:-2000}"
modes="${BENCH_MODES:-speech,media}"
voicebot_app_bench_classpath

run() { # mode steps tables [soak calls]
  local jfr=()
  if [[ -n "${BENCH_JFR:-}" ]]; then
    jfr=("-XX:StartFlightRecording=filename=app/target/capacity-$1.jfr,settings=profile")
  fi
  rm -f "$3"
  # -Xss16m: onnxruntime loads the Silero model on the launcher's main thread (see bench-callers.sh).
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseZGC -Xss16m "${jfr[@]}" -cp "$classpath" \
    -Dvoicebot.repo="$PWD" -Dvoicebot.corpus.cache="$PWD/app/target/caller-corpus" -Dlogging.level.root=WARN \
    -Dvoicebot.bench.calls-per-second="${CALLS_PER_SECOND:-50}" \
    -Dvoicebot.bench.capacity-file="${CAPACITY_FILE:-$PWD/target/capacity.properties}" \
    dev.voicebot.app.bench.CapacityBenchmark "$@"
}
speech_tables=app/target/capacity-speech.md
media_tables=app/target/capacity-media.md
rm -f "$speech_tables" "$media_tables"
[[ ",$modes," == *,speech,* ]] && run speech "$speech_steps" "$speech_tables"
[[ ",$modes," == *,media,* ]] && run media "$media_steps" "$media_tables" "$soak_calls"

out="${BENCH_OUT:-docs/benchmarks/capacity.md}"
notes=""
if [[ -f "$out" ]] && grep -q '^<!-- notes -->' "$out"; then
  notes="$(sed -n '/^<!-- notes -->/,$p' "$out")"
fi
{
  echo "# Capacity: concurrent calls on this machine"
  echo
  echo "Command: \`SPEECH_STEPS=$speech_steps MEDIA_STEPS=$media_steps SOAK_CALLS=$soak_calls BENCH_MODES=$modes"
  echo "CALLS_PER_SECOND=${CALLS_PER_SECOND:-50} scripts/bench-capacity.sh\` (as root: SIPp's raw-socket RTP playback)."
  echo "Commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs' || echo ' (with local changes)'),"
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)),"
  echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1), ZGC. The machine is shared with other workers running"
  echo "tests and speech models: the load average column says how busy it was; figures are noisy."
  echo
  cat <<'METHOD'
The bot runs in-process (the app with its default settings except a call limit above the ladder
and the per-source SIP rate limit lifted: every call comes from 127.0.0.1), called by SIPp on
loopback. SIPp runs on the same two cores, and its RTP playback (a thread per call) costs CPU too.

- **pacing**: how late each lane's last packet of a 20 ms tick left against the tick's deadline.
  The clock has a lane (thread) per core; each tick a lane first sends every one of its calls'
  packets, then does their inbound work (decoding, echo cancellation, resampling), so the
  pacing is the wake-up and the sends alone (`MediaClock.lateness()`, a 0.1 ms histogram of
  every lane's ticks). p99 ≤ 5 ms is the target. **tick work**: both passes. Skipped ticks: a
  lane fell more than 3 ticks behind and dropped them. **clock CPU per tick**: all lanes together.
- **late / lost packets**: caller packets that arrived after their playout time / never
  (the RTP sessions' own counts).
- **CPU per call**: this JVM's CPU time over the step (speech: from the first INVITE to the
  last SIPp exit; media: a 10 s window with every call up) ÷ the calls ÷ the seconds.
- **live heap**: the bytes of live objects (a full GC and a class histogram, as `jcmd
  GC.class_histogram`; ZGC's heap in use counts whole pages) with the step's calls up (speech:
  once all are answered, during the greetings; media: after the window); **per call**: that minus
  the idle live heap before the first step, ÷ the calls up.
- **speech**: N callers (one SIPp process each, started 50 ms apart) in the corpus voices (flite
  kal16 and rms, espeak-ng en-us and +f3, Festival kal; never the bot's slt), clean line, each
  saying one request (`caller-utterances.tsv`, rotated) 4.5 s after the answer, i.e. after the
  greeting; **answered correctly**: the call record has the reply to that intent. Caller i is the
  same at every step. **Understood without load → still understood**: before the ladder every
  caller is placed 4 at a time; those answered correctly there are what the recognizer makes of
  these voices without load, and the target is that 95 % of them are still answered correctly at
  the step (callers misread even then measure the recognizer, not the capacity). The knee is
  written to CAPACITY_FILE as `max-concurrent-calls=N` for `voicebot.calls.capacity-file`.
- **media**: `voicebot.bench.media-only=true` (every call answered by an echo of the caller,
  200 ms later: jitter buffer, decoding, resampling, echo canceller, noise suppression, gain,
  encoding and pacing, no speech models), recordings off; one SIPp process places the calls at
  CALLS_PER_SECOND, every caller playing the same corpus speech. **Soak**: then SOAK_CALLS calls
  of 1 s, 100 at once, in two halves; live heap, platform threads and open descriptors before and
  after each, taken 40 s after the last call (the SIP stack keeps a finished transaction 32 s).
METHOD
  if [[ -f "$speech_tables" ]]; then
    echo
    echo "## Full pipeline (embedded Silero VAD, Vosk small en-us, Festival slt, PCMU, the demo dialplan)"
    echo
    cat "$speech_tables"
  fi
  if [[ -f "$media_tables" ]]; then
    echo
    echo "## Media plane alone (voicebot.bench.media-only)"
    echo
    cat "$media_tables"
  fi
  if [[ -n "$notes" ]]; then
    echo
    echo "$notes"
  fi
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out"
