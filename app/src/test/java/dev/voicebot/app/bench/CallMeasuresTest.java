package dev.voicebot.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.voicebot.app.dialplan.DialplanLoader;
import dev.voicebot.app.harness.CapturedRtp;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.pipeline.corpus.CallerAudio;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.rtp.codec.G711;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The callers benchmark's per-call figures, on a made-up capture whose answers are known. */
class CallMeasuresTest {

  private static final int BOT_PORT = 32200;
  private static final int CALLER_PORT = 32400;
  /** The capture clock at the answer, µs since the epoch. */
  private static final long T0 = 1_800_000_000_000_000L;
  private static final Dialplan DEMO =
      new DialplanLoader().load(RunningBot.REPO.resolve("dialplans/demo.yaml")).dialplan();

  @Test
  void aReplyIsOneSampleFromTheCallersLastWordAndCallerLinesOutsideTheWordsAreSelfHeard() {
    // The caller: 4.5 s of nothing, 1.5 s of words (a tone stands for them), 2 s of nothing.
    short[] tone = new short[8 * 1500];
    fill(tone, 0, 1500);
    CallerAudio caller = new CallerAudio("what time do you close", tone, tone).padded(4500, 2000, LineCondition.CLEAN);
    long lastWordMs = caller.lastVoicedSample() / 160 * 20;
    // The bot: the greeting 0-3 s, then one reply 380 ms after the caller's last word, in two
    // sentences 400 ms apart (one reply: one sample, not two).
    short[] bot = new short[8 * 12_000];
    fill(bot, 0, 3000);
    fill(bot, (int) lastWordMs + 380, (int) lastWordMs + 1380);
    fill(bot, (int) lastWordMs + 1780, (int) lastWordMs + 2780);
    var packets = new ArrayList<CapturedRtp.Packet>();
    packets.addAll(stream(CALLER_PORT, BOT_PORT, caller.pcm8k()));
    packets.addAll(stream(BOT_PORT, CALLER_PORT, bot));
    packets.addAll(stream(BOT_PORT, CALLER_PORT + 6, bot)); // an earlier call's stream: not this call's
    var record = new CallRecord("id", "caller", "100", "demo", instant(0), instant(12_000), "caller hung up",
        List.of(line(6_200, "CALLER", "what time do you close"), line(6_300, "BOT", DEMO.intents().getFirst().reply()),
            line(11_000, "CALLER", "we are open")),
        List.of(), null, null, null);
    var call = new PlannedCall(PlannedCall.Kind.REQUEST, "test", LineCondition.CLEAN, false, caller, "hours", null, 0);

    var m = CallMeasures.of(new CallRunner.Outcome(call, packets, record, true, CALLER_PORT), DEMO, BOT_PORT,
        BOT_PORT + 199);

    assertThat(m.voiceToVoiceMs()).singleElement().satisfies(v -> assertThat(v).isCloseTo(380, offset(25.0)));
    assertThat(m.intentOk()).isTrue();
    assertThat(m.wer().rate()).isZero();
    assertThat(m.heard()).isEqualTo("what time do you close");
    assertThat(m.selfHeard()).as("the line 5 s after the caller's words").isEqualTo(1);
    assertThat(m.greetingPackets()).isEqualTo(150);
    assertThat(m.greetingGapMs()).isEqualTo(20);
  }

  @Test
  void aGreetingStoppedByNoiseShowsAsFewerPacketsAndTheGoodbyeIsNotTakenForTheGreeting() {
    short[] bot = new short[8 * 9000];
    fill(bot, 0, 1200); // cut after 1.2 s, though nobody talked
    CallerAudio nothing = new CallerAudio("", new short[0], new short[0]).padded(9000, 0, LineCondition.NOISY);
    var packets = new ArrayList<CapturedRtp.Packet>(stream(CALLER_PORT, BOT_PORT, nothing.pcm8k()));
    packets.addAll(stream(BOT_PORT, CALLER_PORT, bot));
    var record = new CallRecord("id", "caller", "100", "demo", instant(0), instant(9000), "caller hung up",
        List.of(line(100, "BOT", DEMO.greeting())), List.of(), null, null, null);
    var silent = new PlannedCall(PlannedCall.Kind.SILENT, "noise only", LineCondition.NOISY, false, nothing, null, null, 0);
    var goodbye = new PlannedCall(PlannedCall.Kind.REQUEST, "test", LineCondition.NOISY, false, nothing, "goodbye", null, 0);

    var m = CallMeasures.of(new CallRunner.Outcome(silent, packets, record, true, CALLER_PORT), DEMO, BOT_PORT,
        BOT_PORT + 199);
    var g = CallMeasures.of(new CallRunner.Outcome(goodbye, packets, record, true, CALLER_PORT), DEMO, BOT_PORT,
        BOT_PORT + 199);

    assertThat(m.greetingPackets()).isEqualTo(60);
    assertThat(m.voiceToVoiceMs()).isEmpty();
    assertThat(m.intentOk()).isNull();
    assertThat(g.intentOk()).as("the greeting opens like the goodbye").isFalse();
  }

  /** Packets of 20 ms from {@code src} to {@code dst}, from the answer on. */
  private static List<CapturedRtp.Packet> stream(int src, int dst, short[] pcm) {
    var out = new ArrayList<CapturedRtp.Packet>();
    for (int i = 0; (i + 1) * 160 <= pcm.length; i++) {
      byte[] payload = new byte[160];
      for (int j = 0; j < 160; j++) {
        payload[j] = G711.ulawEncode(pcm[i * 160 + j]);
      }
      out.add(new CapturedRtp.Packet(T0 + i * 20_000L, src, dst, 0, i == 0, i, i * 160L, src, payload));
    }
    return out;
  }

  /** A loud 440 Hz tone from {@code fromMs} to {@code toMs}, for words. */
  private static void fill(short[] pcm, int fromMs, int toMs) {
    for (int i = fromMs * 8; i < Math.min(pcm.length, toMs * 8); i++) {
      pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
    }
  }

  @Test
  void anHoursRequestAnsweredWithTheHoursOfTheDayTheCallerNamedIsAnsweredCorrectly() {
    var saturday = List.of(line(6_200, "CALLER", "are you open on saturday"), line(6_300, "BOT",
        "On Saturday we are open from ten in the morning until two in the afternoon. Is there anything else?"));
    var reprompted = List.of(line(6_200, "CALLER", "are you open on saturday"), line(6_300, "BOT", DEMO.reprompt()));
    assertThat(CallMeasures.replied(saturday, DEMO, "hours")).isTrue();
    assertThat(CallMeasures.replied(saturday, DEMO, "order-status")).isFalse();
    assertThat(CallMeasures.replied(reprompted, DEMO, "hours")).isFalse();
  }

  private static CallRecord.Line line(long ms, String speaker, String text) {
    return new CallRecord.Line(instant(ms), speaker, text);
  }

  private static Instant instant(long ms) {
    long micros = T0 + ms * 1000;
    return Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000);
  }
}
