package dev.voicebot.app.call;

import dev.voicebot.pipeline.inference.InferenceLoad;
import dev.voicebot.pipeline.inference.Shed;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The calls' inference lag, what was shed, and the recognition streams open, for
 * /actuator/prometheus: {@code voicebot_inference_lag_seconds{stage}} (recent maximum),
 * {@code voicebot_inference_lag_measured_seconds_{count,sum}} (running totals),
 * {@code voicebot_inference_shed_total{what}}, {@code voicebot_recognition_streams_open}.
 */
public final class InferenceMeters {

  private InferenceMeters() {}

  public static void bind(InferenceLoad load, MeterRegistry meters) {
    stage(meters, load, "recognition", InferenceLoad::recentRecognitionLagNanos, InferenceLoad::recognitionTotals);
    stage(meters, load, "actor", InferenceLoad::recentActorLagNanos, InferenceLoad::actorTotals);
    stage(meters, load, "pool", InferenceLoad::recentPoolWaitNanos, InferenceLoad::poolWaitTotals);
    for (Shed what : Shed.values()) {
      FunctionCounter.builder("voicebot.inference.shed", load, l -> l.shedCount(what))
          .tag("what", what.label())
          .description("work the pipeline gave up because the CPU could not keep up (each also logged)")
          .register(meters);
    }
    Gauge.builder("voicebot.recognition.streams.open", load, InferenceLoad::openStreams)
        .description("recognition streams (Kaldi decoders) open now").register(meters);
    FunctionCounter.builder("voicebot.recognition.streams.opened", load, InferenceLoad::streamsOpened)
        .description("recognition streams opened").register(meters);
  }

  private static void stage(MeterRegistry meters, InferenceLoad load, String stage,
      java.util.function.ToLongFunction<InferenceLoad> recent, Function<InferenceLoad, InferenceLoad.Totals> totals) {
    Gauge.builder("voicebot.inference.lag", load, l -> recent.applyAsLong(l) / 1e9)
        .tag("stage", stage).baseUnit("seconds")
        .description("the largest lag of the last one to two seconds").register(meters);
    FunctionTimer.builder("voicebot.inference.lag.measured", load, l -> totals.apply(l).count(),
            l -> totals.apply(l).totalNanos(), TimeUnit.NANOSECONDS)
        .tag("stage", stage).description("every lag measured").register(meters);
  }
}
