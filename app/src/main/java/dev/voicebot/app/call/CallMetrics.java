package dev.voicebot.app.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** Call counters and the active-call gauge, for /actuator/prometheus. */
public final class CallMetrics {

  private final MeterRegistry meters;
  private final Counter answered;

  public CallMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.answered = Counter.builder("voicebot.calls.answered").description("calls answered").register(meters);
  }

  void activeCalls(Supplier<Number> active) {
    meters.gauge("voicebot.calls.active", active, s -> s.get().doubleValue());
  }

  void answered() {
    answered.increment();
  }

  void rejected(int status) {
    meters.counter("voicebot.calls.rejected", "status", Integer.toString(status)).increment();
  }

  /** One call's echo return loss enhancement (see {@link EchoMeter}). */
  void echoReturnLossEnhancement(double db) {
    DistributionSummary.builder("voicebot.media.erle").baseUnit("dB")
        .description("echo return loss enhancement per call, while the bot talked")
        .register(meters).record(db);
  }

  void ended(String reason) {
    meters.counter("voicebot.calls.ended", "reason", reason).increment();
  }
}
