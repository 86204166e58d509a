package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.pipeline.corpus.Voice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus sees a call's media while it runs, not only once it is over: a scrape during a real
 * SIPp call shows its RTP packets and the live quality gauges, and after the call its loss,
 * jitter and MOS are in the per-call histograms.
 */
@Timeout(120)
class RtpMetricsTest {

  private static final int SIP_PORT = 46060;
  private static final int RTP_MIN = 46200;
  private static final int SIPP_PORT = 46100;

  @TempDir Path work;

  @Test
  void aScrapeDuringACallShowsItsRtpPacketsAndQualityAndTheEndedCallLandsInTheHistograms() throws Exception {
    Path dir = work.resolve("call");
    RtpPcapWriter.writeCallerQuestion(dir, Voice.FLITE_RMS, "What are your opening hours?");
    try (var bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of(), Map.of());
        var http = HttpClient.newHttpClient()) {
      Sipp sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);
      CompletableFuture<Sipp.Result> call = sipp.callInBackground("ask-question", "100", dir, SIPP_PORT,
          SIPP_PORT + 2, Duration.ofSeconds(60));
      URI metrics = URI.create("http://127.0.0.1:" + bot.httpPort() + "/actuator/prometheus");

      String during = scrapeUntil(http, metrics, call, text ->
          value(text, "voicebot_media_rtp_packets_received_total").orElse(0) >= 20
              && value(text, "voicebot_calls_active").orElse(0) == 1
              && value(text, "voicebot_media_active_mos_min").isPresent());
      assertThat(value(during, "voicebot_media_rtp_packets_sent_total").orElse(0)).as("the greeting is going out")
          .isPositive();
      assertThat(value(during, "voicebot_media_active_jitter_max_ms").orElse(-1)).isBetween(0.0, 60.0);
      assertThat(value(during, "voicebot_media_active_mos_min").orElse(0)).as("a clean loopback call")
          .isGreaterThan(4.0);

      Sipp.Result result = call.get(90, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(result.passed()).as(result.output()).isTrue();
      String after = scrapeUntil(http, metrics, null,
          text -> value(text, "voicebot_media_call_mos_count").orElse(0) >= 1);
      double received = value(after, "voicebot_media_rtp_packets_received_total").orElseThrow();
      assertThat(received).as("counted once, live and then as ended").isGreaterThanOrEqualTo(
          value(during, "voicebot_media_rtp_packets_received_total").orElseThrow());
      assertThat(value(after, "voicebot_media_call_loss_percent_count")).hasValue(1.0);
      assertThat(value(after, "voicebot_media_call_jitter_ms_count")).hasValue(1.0);
      assertThat(after).contains("voicebot_media_call_mos_bucket{le=\"4.4\"}");
      assertThat(value(after, "voicebot_media_active_mos_min")).as("no call in progress: no figure").isEmpty();
    }
  }

  /** Scrapes until {@code done} holds (or the call, if given, ended first); bounded by 30 s. */
  private static String scrapeUntil(HttpClient http, URI uri, CompletableFuture<?> call, Predicate<String> done)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
      if (done.test(last)) {
        return last;
      }
      if (call != null && call.isDone()) {
        throw new AssertionError("the call ended before the scrape showed it: " + call.get() + "\n" + last);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the metrics never showed it:\n" + last);
  }

  /** A sample's value, without labels; empty when absent or NaN. */
  private static OptionalDouble value(String exposition, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? (\\S+)$").matcher(exposition);
    if (!m.find()) {
      return OptionalDouble.empty();
    }
    double v = Double.parseDouble(m.group(1));
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
