#!/usr/bin/env bash
# Benchmark (not a test): the per-20 ms-frame cost of each media stage (G.711/G.722/Opus encode
# and decode, 8<->16 kHz resampling, jitter buffer push+pull, speexdsp AEC with and without the
# preprocessor) with JMH, written as a table to docs/benchmarks/dsp.md. A short run: one fork,
# 3 warm-up and 5 measured iterations of 1 s each (about 3 minutes).
# Usage: scripts/bench-dsp.sh [extra JMH arguments, e.g. a benchmark regex or -p codec=opus]
#   BENCH_WARMUP=15 scripts/bench-dsp.sh   more warm-up iterations (Concentus needs ~10 s of JIT)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
voicebot_java_home
voicebot_packages libspeexdsp1
# package, not install: other worktrees share ~/.m2, and the reactor resolves rtp-bridge from here.
./mvnw -q -B -Pbench -pl benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath
classpath="benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)"
results=benchmarks/target/jmh.csv
settings=(-f 1 -wi "${BENCH_WARMUP:-3}" -i "${BENCH_ITERATIONS:-5}" -w 1s -r 1s)
jmh_args=("${settings[@]}" -rf csv -rff "$results" "$@")
# BENCH_REPORT_ONLY=1 rewrites the table from the last run's results without measuring again.
if [[ -z "${BENCH_REPORT_ONLY:-}" ]]; then
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$classpath" org.openjdk.jmh.Main \
    -jvmArgsAppend --enable-native-access=ALL-UNNAMED "${jmh_args[@]}"
fi

out=docs/benchmarks/dsp.md
mkdir -p "$(dirname "$out")"
{
  echo "# Media stage cost per 20 ms frame (JMH)"
  echo
  echo "Command: \`scripts/bench-dsp.sh $*\` (JMH ${settings[*]}, average time)."
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'),"
  echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(date -u +%Y-%m-%d)."
  echo "Other builds may have shared the machine: compare stages with each other, not runs across days."
  echo
  echo "| benchmark | parameter | µs per frame | ± (99.9 %) |"
  echo "|---|---|---:|---:|"
  # CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: x"...
  tr -d '"\r' < "$results" | awk -F, '
    NR == 1 { for (i = 8; i <= NF; i++) { names[i] = $i; sub(/^Param: /, "", names[i]) }; next }
    { name = $1; sub(/^dev\.voicebot\.bench\.dsp\./, "", name);
      param = ""; for (i = 8; i <= NF; i++) if ($i != "") param = param (param == "" ? "" : " ") names[i] "=" $i;
      printf "| %s | %s | %.2f | %.2f |\n", name, param, $5, $6 }'
  echo
  echo "A call's media clock runs every stage once per 20 ms tick (20 000 µs): decode, resample (G.711"
  echo "only), AEC, encode, jitter buffer. What one call costs per tick is the sum of its column."
  if (( ${BENCH_WARMUP:-3} < 10 )); then
    echo
    echo "Opus (Concentus, pure Java) is still being JIT-compiled after ${BENCH_WARMUP:-3} s of warm-up: its figures"
    echo "here are high and wide. \`BENCH_WARMUP=15 scripts/bench-dsp.sh -p codec=opus CodecBenchmark\` settles"
    echo "them (on a 2-core EPYC when this script was written: encode about 218 µs, decode about 14 µs per"
    echo "frame at 16 kHz, complexity 5)."
  fi
} > "$out"
echo "wrote $out"
