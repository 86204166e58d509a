package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.console.LiveEvents;
import dev.voicebot.app.harness.HeadlessChromium;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console at {@code /} in headless Chromium: a real SIPp call shows up live (state, the bot's
 * and the caller's lines, RTP quality), and once it has ended its record opens with a latency
 * waterfall per turn and a recording that plays; with a token, the page asks for it and the API
 * refuses requests without it.
 */
@Timeout(180)
class ConsoleTest {

  private static final int SIP_PORT = 47060;
  private static final int RTP_MIN = 47200;
  private static final int SIPP_PORT = 47100;
  private static final String TOKEN = "console-tok-8d21f0";

  @TempDir Path work;

  @Test
  void aCallShowsLiveWithItsTranscriptThenOpensWithItsWaterfallAndRecording() throws Exception {
    Path dir = work.resolve("call");
    RtpPcapWriter.writeCallerQuestion(dir, Voice.FLITE_RMS, "What are your opening hours?");
    try (var bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of(), Map.of());
        var browser = HeadlessChromium.start(work);
        var http = HttpClient.newHttpClient()) {
      var page = browser.driver();
      String base = "http://127.0.0.1:" + bot.httpPort();
      page.get(base + "/");
      browser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.attributeToBe(
          By.id("live-status"), "data-state", "live"));

      Sipp sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);
      CompletableFuture<Sipp.Result> call = sipp.callInBackground("ask-question", "100", dir, SIPP_PORT,
          SIPP_PORT + 2, Duration.ofSeconds(60));

      // Live: the call appears with its state and the greeting as it is said, then the caller's words.
      String callId = browser.waitUpTo(Duration.ofSeconds(20)).until(
          d -> d.findElement(By.cssSelector("#active-calls .live-call")).getAttribute("data-call-id"));
      browser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textMatches(
          By.cssSelector("#active-calls .line.bot .text"), Pattern.compile("(?i)thank you for calling")));
      browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textMatches(
          By.cssSelector("#active-calls .line.caller .text"), Pattern.compile("(?i)hours")));
      browser.waitUpTo(Duration.ofSeconds(5)).until(ExpectedConditions.textMatches(
          By.cssSelector("#active-calls .live-call .state"),
          Pattern.compile("^(GREETING|SPEAKING|LISTENING|THINKING|ENDING)$")));
      browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textMatches(
          By.cssSelector("#active-calls .live-call .quality"), Pattern.compile("MOS \\d\\.\\d\\d")));
      System.out.println("Console screenshot (live call): " + browser.screenshot("console-live-call"));

      Sipp.Result result = call.get(90, TimeUnit.SECONDS);
      assertThat(result.passed()).as(result.output()).isTrue();

      // Finished: the list has it; opened, it shows a waterfall per turn and its recording.
      By row = By.cssSelector("#calls tr.call-row[data-call-id='" + callId + "']");
      browser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textMatches(
          By.cssSelector("#calls tr.call-row[data-call-id='" + callId + "'] .outcome"),
          Pattern.compile("hung-up")));
      browser.waitUpTo(Duration.ofSeconds(5)).until(d -> {
        d.findElement(row).click(); // again if the list was redrawn meanwhile
        return true;
      });
      browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(
          By.id("call-detail"), "data-call-id", callId));
      var turns = browser.waitUpTo(Duration.ofSeconds(10)).until(
          ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#call-detail .waterfall svg.turn"), 0));
      for (WebElement turn : turns) {
        assertThat(turn.findElements(By.cssSelector("rect.bar"))).as("stage bars in a turn").hasSizeGreaterThanOrEqualTo(3);
      }
      assertThat(page.findElements(By.cssSelector("#call-detail .waterfall rect.bar[data-stage='first-packet']")))
          .as("the reply to the question reached the wire").isNotEmpty();
      assertThat(page.findElement(By.cssSelector("#call-detail .quality")).getText()).contains("jitter").contains("MOS");

      WebElement audio = page.findElement(By.cssSelector("#call-detail audio#recording"));
      String src = audio.getDomProperty("src");
      assertThat(java.net.URLDecoder.decode(src, java.nio.charset.StandardCharsets.UTF_8)).as("the call's recording")
          .isEqualTo(base + "/api/calls/" + callId + "/recording.wav");
      var wav = http.send(HttpRequest.newBuilder(URI.create(src)).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(wav.statusCode()).isEqualTo(200);
      assertThat(wav.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("audio/wav"));
      browser.waitUpTo(Duration.ofSeconds(10)).until(d -> ((Number) page.executeScript(
          "return document.querySelector('#recording').readyState")).intValue() >= 1);
      assertThat(((Number) page.executeScript("return document.querySelector('#recording').duration")).doubleValue())
          .as("the browser reads the recording's length").isGreaterThan(5.0);
      System.out.println("Console screenshot (finished call): " + browser.screenshot("console-finished-call"));
    }
  }

  @Test
  void withATokenThePageAsksForItAndWorksWhileTheApiRefusesRequestsWithoutIt() throws Exception {
    try (var bot = RunningBot.start(work.resolve("bot"), SIP_PORT + 2, RTP_MIN + 200, Map.of(), Map.of(
        "voicebot.http.token", TOKEN));
        var browser = HeadlessChromium.start(work);
        var http = HttpClient.newHttpClient()) {
      String base = "http://127.0.0.1:" + bot.httpPort();
      for (String path : new String[] {"/api/calls", "/api/live", "/api/trunks"}) {
        assertThat(status(http, base + path, null)).as(path + " without the token").isEqualTo(401);
      }
      assertThat(status(http, base + "/api/live", "Bearer wrong")).as("a wrong token").isEqualTo(401);
      for (String path : new String[] {"/", "/console.js", "/console.css"}) {
        assertThat(status(http, base + path, null)).as(path + ": the shell holds no data").isEqualTo(200);
      }

      var page = browser.driver();
      page.get(base + "/");
      var wait = browser.waitUpTo(Duration.ofSeconds(20));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input"))).sendKeys("not-" + TOKEN);
      page.findElement(By.id("token-submit")).click();
      wait.until(ExpectedConditions.textToBe(By.id("token-error"), "That token was refused."));
      assertThat(page.findElement(By.id("console")).isDisplayed()).isFalse();

      page.findElement(By.id("token-input")).sendKeys(TOKEN);
      page.findElement(By.id("token-submit")).click();
      wait.until(ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "live"));
      wait.until(ExpectedConditions.textToBe(By.id("page-info"), "no calls"));
      assertThat(page.findElement(By.id("trunks-empty")).isDisplayed()).as("the trunks answered").isTrue();
      assertThat(page.getCurrentUrl()).as("the token never goes in a URL").doesNotContain(TOKEN);

      // A short call: its recording plays although the audio element cannot send the token itself.
      Sipp sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT + 2);
      Sipp.Result result = sipp.call("hangup-while-talking", "100", work.resolve("short-call"), SIPP_PORT + 10,
          SIPP_PORT + 12, Duration.ofSeconds(30));
      assertThat(result.passed()).as(result.output()).isTrue();
      wait.until(ExpectedConditions.textMatches(By.cssSelector("#calls tr.call-row .outcome"), Pattern.compile("hung-up")));
      wait.until(d -> {
        d.findElement(By.cssSelector("#calls tr.call-row")).click(); // again if the list was redrawn meanwhile
        return true;
      });
      wait.until(d -> ((Number) page.executeScript(
          "const a = document.querySelector('#recording'); return a ? a.readyState : 0")).intValue() >= 1);
      assertThat(page.findElement(By.id("recording")).getDomProperty("src")).as("fetched with the token")
          .startsWith("blob:");
      assertThat(((Number) page.executeScript("return document.querySelector('#recording').duration")).doubleValue())
          .as("the browser reads the recording's length").isGreaterThan(1.0);

      page.navigate().refresh();
      wait.until(ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "live"));
      assertThat(page.findElement(By.id("token-form")).isDisplayed()).as("kept for the tab's session").isFalse();
      System.out.println("Console screenshot (token): " + browser.screenshot("console-with-token"));

      // A browser that leaves is noticed at the next heartbeat at the latest, and its stream let go.
      var live = bot.bean(LiveEvents.class);
      page.get("about:blank");
      long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
      while (live.subscribers() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(live.subscribers()).as("streams left once the page is gone").isZero();
    }
  }

  private static int status(HttpClient http, String url, String authorization) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    // Only the status: /api/live with the token would stream for as long as it is read.
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
