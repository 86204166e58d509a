package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.pipeline.corpus.CallerAudio;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real calls to the demo store line, callers in the corpus's voices (never the bot's): an order
 * said in words and confirmed is looked up on the app's own demo endpoint and found; one keyed
 * after asking in words is not found; a read-back the caller refuses is asked again; a lookup
 * server that answers too late gets the filler, then the spoken fallback; a caller asking about
 * Sunday hears Sunday's hours, again when they ask to repeat, and can start over.
 */
@Timeout(300)
class StoreLineCallTest {

  private static final int SIP_PORT = 43060;
  private static final int RTP_MIN = 44000;
  private static final AtomicInteger CALLS = new AtomicInteger();
  private static final String END_CALL_QUESTION = "Do you want to end the call?";
  /** The demo's order intent, against a lookup server that answers only after 3 s. */
  private static final String SLOW_SHOP = """
      name: Slow shop
      numbers: ["slowshop"]
      greeting: Thank you for calling Acme. How can I help you today?
      reprompt: Sorry, I did not get that. You can ask about an order.
      goodbye: Goodbye!
      silence:
        timeout: 10s
        prompt: Are you still there?
      intents:
        - name: order-status
          phrases: [where is my order, check my order status]
          collect:
            prompt: Sure. Please say or key in your five digit order number.
            digits: 5
            slot: order
          lookup:
            url: http://127.0.0.1:%d/orders/{order}
            timeout: 1500ms
            fields: {status: status}
            filler: One moment while I check.
            found: Order number {order} is {status}.
            not-found: I can't find order {order}.
            fallback: Sorry, I can't check orders right now. Please try again later.
      """;

  @TempDir static Path work;
  static RunningBot bot;
  static Sipp sipp;
  static CallerCorpus corpus;
  static HttpServer slowServer;
  static final CountDownLatch stopping = new CountDownLatch(1);

  @BeforeAll
  static void start() throws IOException {
    slowServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    slowServer.createContext("/orders/", exchange -> {
      try {
        stopping.await(3, TimeUnit.SECONDS); // slower than the dialplan's 1.5 s timeout
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = "{\"status\":\"late\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    slowServer.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    slowServer.start();
    bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN,
        Map.of("slow-shop.yaml", SLOW_SHOP.formatted(slowServer.getAddress().getPort())), Map.of());
    sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);
    corpus = CallerCorpus.open();
  }

  @AfterAll
  static void stop() {
    stopping.countDown();
    if (bot != null) {
      bot.close();
    }
    if (slowServer != null) {
      slowServer.stop(0);
    }
  }

  @Test
  void anOrderSaidInWordsAndConfirmedIsFoundAndItsStatusAndDayAreSaid() throws Exception {
    var line = LineCondition.CLEAN;
    CallerAudio caller = say(Voice.FLITE_RMS, "Where is my order?").padded(4000, 5000, line)
        .then(say(Voice.FLITE_RMS, "one two three four five").padded(0, 6000, line))
        .then(say(Voice.FLITE_RMS, "Yes.").padded(0, 9000, line));

    CallRecord call = spokenCall("found", caller, 36_000);

    assertThat(botLines(call)).as(call.transcript().toString())
        .contains("Did you say order number 1, 2, 3, 4, 5?")
        .anySatisfy(l -> assertThat(l).startsWith("Order number 1, 2, 3, 4, 5 is out for delivery and should arrive on Tuesday."));
  }

  @Test
  void aReadBackTheCallerRefusesIsAskedAgainAndTheRightNumberIsLookedUp() throws Exception {
    var line = LineCondition.CLEAN;
    CallerAudio caller = say(Voice.FESTIVAL_KAL, "I want to check my order status.").padded(4000, 5000, line)
        .then(say(Voice.FESTIVAL_KAL, "nine eight seven six four").padded(0, 6000, line))
        .then(say(Voice.FESTIVAL_KAL, "No.").padded(0, 7000, line))
        .then(say(Voice.FESTIVAL_KAL, "nine eight seven six five").padded(0, 6000, line))
        .then(say(Voice.FESTIVAL_KAL, "Yes.").padded(0, 9000, line));

    CallRecord call = spokenCall("refused", caller, 52_000);

    List<String> bot = botLines(call);
    assertThat(bot).as(call.transcript().toString())
        .containsSubsequence("Did you say order number 9, 8, 7, 6, 4?",
            "Sorry about that. Please say the five digits of your order number again, or key them in.",
            "Did you say order number 9, 8, 7, 6, 5?")
        .anySatisfy(l -> assertThat(l).startsWith("Order number 9, 8, 7, 6, 5 is being packed"));
    assertThat(bot).noneMatch(l -> l.startsWith("Order number 9, 8, 7, 6, 4"));
  }

  @Test
  void anOrderKeyedAfterAskingInWordsIsNotFoundAndSaidSo() throws Exception {
    CallRecord call = keyedCall("not-found", "100");

    assertThat(botLines(call)).as(call.transcript().toString())
        .noneMatch(l -> l.startsWith("Did you say"))
        .anySatisfy(l -> assertThat(l).startsWith("I can't find order 5, 4, 3, 2, 1."));
  }

  @Test
  void aLookupServerThatIsTooSlowGetsTheFillerThenTheFallbackNeverSilence() throws Exception {
    CallRecord call = keyedCall("slow", "slowshop");

    List<CallRecord.Line> bot = call.transcript().stream().filter(l -> l.speaker().equals("BOT")).toList();
    var filler = bot.stream().filter(l -> l.text().equals("One moment while I check.")).findFirst();
    var fallback = bot.stream().filter(l -> l.text().startsWith("Sorry, I can't check orders right now.")).findFirst();
    assertThat(filler).as(call.transcript().toString()).isPresent();
    assertThat(fallback).as(call.transcript().toString()).isPresent();
    long gap = Duration.between(filler.get().at(), fallback.get().at()).toMillis();
    // Filler at ~0.7 s, fallback at the 1.5 s timeout: the fallback follows the filler by about 0.8 s.
    assertThat(gap).as("filler to fallback").isBetween(300L, 2_500L);
    assertThat(bot).as("the late answer is never said").noneMatch(l -> l.text().startsWith("Order number"));
  }

  @Test
  void aCallerAskingAboutSundayHearsThatDaysHoursAgainOnRepeatAndCanStartOver() throws Exception {
    var line = LineCondition.CLEAN;
    CallerAudio caller = say(Voice.FLITE_RMS, "Are you open on Sunday?").padded(4000, 10_000, line)
        .then(say(Voice.FLITE_RMS, "Can you repeat that?").padded(0, 10_000, line))
        .then(say(Voice.FLITE_RMS, "I want to start over.").padded(0, 6000, line));

    CallRecord call = spokenCall("sunday", caller, 40_000);

    List<String> bot = botLines(call);
    String sunday = "Sorry, we are closed on Sunday.";
    assertThat(bot.stream().filter(l -> l.startsWith(sunday)).count()).as(call.transcript().toString()).isEqualTo(2);
    assertThat(bot).as(call.transcript().toString()).contains("Okay, let's start over. How can I help you today?");
    assertThat(call.turns()).extracting(CallRecord.Turn::intent).containsSubsequence("hours", "repeat", "start-over");
  }

  @Test
  void aCallerWhoOnlySeemsToSayGoodbyeIsAskedAndTheirYesEndsTheCall() throws Exception {
    var line = LineCondition.CLEAN;
    // Near the goodbye examples without being one: the bot asks before it hangs up.
    CallerAudio caller = say(Voice.FLITE_RMS, "I need to leave now.").padded(0, 5000, line)
        .then(say(Voice.FLITE_RMS, "Yes.").padded(0, 3000, line));
    Path dir = Files.createDirectories(work.resolve("leave-yes"));
    RtpPcapWriter.writePcmu(caller.pcm8k(), dir.resolve("caller.pcap"));
    int n = CALLS.getAndIncrement();
    // The scenario waits out the greeting, plays the caller and expects the bot's BYE.
    var result = sipp.call("bot-hangs-up", "100", dir, SIP_PORT + 10 + 2 * n, RTP_MIN + 400 + 20 * n,
        Duration.ofSeconds(60));
    CallRecord call = lastRecord(n + 1);

    assertThat(result.passed()).as("%s%nthe call: %s", result.output(), call.transcript()).isTrue();
    assertThat(botLines(call)).as(call.transcript().toString())
        .containsSubsequence(END_CALL_QUESTION, "Thank you for calling Acme. Goodbye!");
  }

  @Test
  void aCallerWhoAnswersNoToTheEndCallQuestionStaysAndIsAnswered() throws Exception {
    var line = LineCondition.CLEAN;
    CallerAudio caller = say(Voice.ESPEAK_US, "I need to leave now.").padded(4000, 5000, line)
        .then(say(Voice.ESPEAK_US, "No, not yet.").padded(0, 5000, line))
        .then(say(Voice.ESPEAK_US, "What are your opening hours?").padded(0, 9000, line));

    CallRecord call = spokenCall("leave-no", caller, 30_000);

    List<String> bot = botLines(call);
    assertThat(bot).as(call.transcript().toString())
        .containsSubsequence(END_CALL_QUESTION, "All right. What else can I do for you?")
        .noneMatch(l -> l.startsWith("Thank you for calling Acme. Goodbye"))
        .noneMatch(l -> l.startsWith("Sure. I am transferring you"));
    assertThat(call.turns()).extracting(CallRecord.Turn::intent).last().isEqualTo("hours");
  }

  private static CallerAudio say(Voice voice, String text) {
    return corpus.say(voice, text, LineCondition.CLEAN);
  }

  private static CallRecord spokenCall(String name, CallerAudio caller, int durationMillis) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    RtpPcapWriter.writePcmu(caller.pcm8k(), dir.resolve("caller.pcap"));
    int n = CALLS.getAndIncrement();
    var result = sipp.call("corpus-caller", "100", dir, SIP_PORT + 10 + 2 * n, RTP_MIN + 400 + 20 * n,
        Duration.ofMillis(durationMillis + 30_000), "-d", Integer.toString(durationMillis));
    CallRecord record = lastRecord(n + 1);
    assertThat(result.passed()).as("%s%nthe call: %s", result.output(), record.transcript()).isTrue();
    return record;
  }

  /** Asks for the order in espeak-ng's voice, then keys 5 4 3 2 1 (the scenario's keys). */
  private static CallRecord keyedCall(String name, String number) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    var line = LineCondition.CLEAN;
    CallerAudio ask = say(Voice.ESPEAK_US, "Where is my order?").padded(4000, 500, line);
    RtpPcapWriter.writePcmu(ask.pcm8k(), dir.resolve("caller.pcap"));
    int n = CALLS.getAndIncrement();
    var result = sipp.call("order-asked-then-keyed", number, dir, SIP_PORT + 10 + 2 * n, RTP_MIN + 400 + 20 * n,
        Duration.ofSeconds(70));
    assertThat(result.passed()).as(result.output()).isTrue();
    return lastRecord(n + 1);
  }

  /** The newest call's record once {@code calls} calls have ended. */
  private static CallRecord lastRecord(int calls) throws InterruptedException {
    List<CallRecord> records = bot.recordsOnceEnded(calls, Duration.ofSeconds(15));
    assertThat(records).as("records of ended calls").hasSizeGreaterThanOrEqualTo(calls);
    return records.stream().max(java.util.Comparator.comparing(r -> r.startedAt() == null ? Instant.MIN : r.startedAt()))
        .orElseThrow();
  }

  private static List<String> botLines(CallRecord call) {
    return call.transcript().stream().filter(l -> l.speaker().equals("BOT")).map(CallRecord.Line::text).toList();
  }
}
