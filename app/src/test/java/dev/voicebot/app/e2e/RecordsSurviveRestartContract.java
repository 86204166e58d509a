package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.harness.Transcriber;
import dev.voicebot.app.harness.WavFile;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import dev.voicebot.pipeline.stt.SpeechRecognizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real call to the demo bot (a caller in flite's kal16 voice asks for the opening hours), then
 * the app stopped and started again on the same database: the new app, which never saw the call,
 * serves its record whole (transcript, turns, outcome, media) and its recording, whose right
 * channel is the bot's greeting and answer and whose left channel is the caller's question. Each
 * subclass says which database.
 */
abstract class RecordsSurviveRestartContract {

  @TempDir Path work;

  /** The SIP port of the bot; the bot's RTP ports, SIPp's SIP and RTP ports follow from it. */
  abstract int sipPort();

  abstract int rtpMin();

  /** Properties that point the bot at the database under test. */
  abstract Map<String, Object> database() throws Exception;

  @Test
  void aCallsRecordAndRecordingSurviveARestartOfTheApp() throws Exception {
    Path botDir = work.resolve("bot");
    Path callDir = Files.createDirectories(work.resolve("call"));
    var caller = CallerCorpus.open().say(Voice.FLITE_KAL16, "What are your opening hours?", LineCondition.CLEAN)
        .padded(200, 600, LineCondition.CLEAN);
    RtpPcapWriter.writePcmu(caller.pcm8k(), callDir.resolve("caller.pcap"));

    CallRecord before;
    try (var bot = RunningBot.start(botDir, sipPort(), rtpMin(), Map.of(), database())) {
      var result = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), sipPort())
          .call("ask-question", "100", callDir, sipPort() + 10, rtpMin() + 400, Duration.ofSeconds(60));
      assertThat(result.passed()).as(result.output()).isTrue();
      before = bot.recordsOnceEnded(1, Duration.ofSeconds(10)).getFirst();
    }
    assertThat(before.endedAt()).as("the call ended before the app stopped").isNotNull();
    assertThat(before.turns()).extracting(CallRecord.Turn::intent).contains("hours");
    assertThat(before.recording()).isNotNull();

    try (var bot = RunningBot.start(botDir, sipPort(), rtpMin(), Map.of(), database())) {
      assertThat(bot.bean(CallRecordStore.class).list()).as("a new app: nothing in memory").isEmpty();

      var list = bot.get("/api/calls?limit=10&number=100");
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.headers().firstValue("X-Total-Count")).hasValue("1");
      assertThat(new String(list.body(), StandardCharsets.UTF_8)).contains(before.callId());

      var one = bot.get("/api/calls/" + before.callId());
      assertThat(one.statusCode()).isEqualTo(200);
      String json = new String(one.body(), StandardCharsets.UTF_8);
      assertThat(json).contains("Thank you for calling Acme").contains("\"outcome\":\"caller-hung-up\"")
          .contains("\"intent\":\"hours\"").contains("\"packetsReceived\":" + before.media().packetsReceived())
          .contains(before.recording());
      for (CallRecord.Line line : before.transcript()) {
        assertThat(json).as("every line, in its words").contains(line.text());
      }

      var wav = bot.get("/api/calls/" + before.callId() + "/recording.wav");
      assertThat(wav.statusCode()).isEqualTo(200);
      assertThat(wav.headers().firstValue("Content-Type")).hasValue("audio/wav");
      Path file = Files.write(work.resolve("recording.wav"), wav.body());
      assertThat(WavFile.read(file, 0).sampleRate()).isEqualTo(16_000);
      var transcriber = new Transcriber(bot.bean(SpeechRecognizer.class));
      short[] botSide = WavFile.read(file, 1).mono();
      short[] callerSide = WavFile.read(file, 0).mono();
      String botWords = transcriber.transcribe16k(botSide, botSide.length);
      String callerWords = transcriber.transcribe16k(callerSide, callerSide.length);
      System.out.printf("recording: bot channel \"%s\", caller channel \"%s\"%n", botWords, callerWords);
      assertThat(botWords).as("the greeting and the answer, on the right").contains("thank you for calling")
          .contains("nine");
      assertThat(callerWords).as("the question, on the left, and nothing of the bot's").contains("hours")
          .doesNotContain("thank you for calling");
      assertThat(callerSide.length / 16_000.0).as("the whole call: SIPp hangs up ~19 s after the answer")
          .isBetween(15.0, 30.0);
    }
  }
}
