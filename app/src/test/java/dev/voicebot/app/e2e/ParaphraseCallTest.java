package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.CallTimeline;
import dev.voicebot.app.harness.CallerVoice;
import dev.voicebot.app.harness.CapturedRtp;
import dev.voicebot.app.harness.PacketCapture;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.harness.Transcriber;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.pipeline.stt.SpeechRecognizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real calls to the demo bot in words its dialplan does not list: the caller who asks how late
 * the store is open hears the opening hours (the endpoint that applied is printed); one who talks
 * about their cat hears the reprompt.
 */
@Timeout(120)
class ParaphraseCallTest {

  private static final int SIP_PORT = 38060;
  private static final int RTP_MIN = 38200;
  private static final int SIPP_PORT = 38070;
  private static final int SIPP_MEDIA_PORT = 38400;

  @TempDir static Path work;
  static RunningBot bot;
  static Sipp sipp;
  static Transcriber transcriber;

  @BeforeAll
  static void startBot() throws IOException {
    bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of(), Map.of());
    sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);
    transcriber = new Transcriber(bot.bean(SpeechRecognizer.class));
  }

  @AfterAll
  static void stopBot() {
    if (bot != null) {
      bot.close();
    }
  }

  @Test
  void aCallerAskingHowLateTheStoreIsOpenHearsTheHours() throws Exception {
    String heard = call("late", "How late are you open tonight?", SIPP_PORT, SIPP_MEDIA_PORT);

    assertThat(heard).contains("nine").contains("five").contains("monday");
    CallRecord.Turn turn = lastRecord().turns().stream().filter(t -> "hours".equals(t.intent())).findFirst().orElseThrow();
    // Which endpoint applied depends on the words Vosk gave ("how late are you out and tonight" once
    // took the 500 ms one): printed, and measured by the callers benchmark, not asserted here.
    System.out.printf("paraphrase turn: endpoint %d ms for \"%s\"%n", turn.endpointMs(), turn.callerText());
    assertThat(turn.endpointMs()).as("an endpoint, short or long, not a timeout: %s", turn).isLessThan(1_000);
  }

  @Test
  void aCallerTalkingAboutTheirCatHearsTheReprompt() throws Exception {
    String heard = call("cat", "My cat is sick.", SIPP_PORT + 4, SIPP_MEDIA_PORT + 10);

    assertThat(heard).contains("sorry").doesNotContain("nine to five");
  }

  private static String call(String name, String callerSays, int sippPort, int mediaPort) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    short[] speech = new CallerVoice(dir).speak8k(callerSays);
    RtpPcapWriter.writePcmu(CallerVoice.pad(speech, 0.2, 0.6), dir.resolve("caller.pcap"));
    Sipp.Result result;
    List<CapturedRtp.Packet> packets;
    try (var capture = PacketCapture.start(dir, name, RTP_MIN, RTP_MIN + 199)) {
      result = sipp.call("ask-question", "100", dir, sippPort, mediaPort, Duration.ofSeconds(60));
      packets = capture.stop();
    }
    assertThat(result.passed()).as(result.output()).isTrue();
    return transcriber.transcribe8k(CallTimeline.of(packets, bot.rtpMin(), bot.rtpMax()).bot().pcm8k());
  }

  private static CallRecord lastRecord() throws InterruptedException {
    var store = bot.bean(CallRecordStore.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (store.list().isEmpty() || store.list().getFirst().endedAt() == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for the call record");
      }
      Thread.sleep(20);
    }
    return store.list().getFirst();
  }
}
