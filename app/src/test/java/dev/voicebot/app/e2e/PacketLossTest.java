package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.LossyNamespace;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A SIPp caller in a network namespace of the test's own asks its question while nftables drops
 * a share of its RTP to the bot at random (netem is not in this kernel). The bot binds the host
 * end of the namespace's veth pair; concealment and the jitter buffer must carry the words.
 */
@Timeout(180)
class PacketLossTest {

  private static final int SIP_PORT = 25960;
  private static final int RTP_MIN = 27400;
  private static final long PID = ProcessHandle.current().pid();

  @TempDir static Path work;
  static LossyNamespace namespace;
  static RunningBot bot;

  @BeforeAll
  static void start() throws Exception {
    // Unique per test JVM: parallel builds on this host must not share a namespace or subnet.
    namespace = LossyNamespace.create("vbl" + PID % 100000, (int) (PID % 250) + 1, work.resolve("netns"));
    String address = namespace.hostAddress();
    bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of(), Map.of(
        "voicebot.sip.bind-address", address,
        "voicebot.sip.public-address", address,
        "voicebot.rtp.bind-address", address));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (bot != null) {
        bot.close();
      }
    } finally {
      if (namespace != null) {
        namespace.close();
      }
    }
  }

  @ParameterizedTest(name = "{0} % loss")
  @ValueSource(ints = {5, 15})
  void aCallerLosingPacketsIsStillUnderstoodAndAnswered(int percent) throws Exception {
    Path dir = Files.createDirectories(work.resolve("loss-" + percent));
    // A caller in a voice that is not the bot's, losing packets at fixed random positions.
    var clean = LineCondition.CLEAN;
    short[] speech = CallerCorpus.open().say(Voice.FLITE_RMS, "What are your opening hours?", clean)
        .padded(200, 600, clean).pcm8k();
    RtpPcapWriter.writePcmu(speech, dir.resolve("caller.pcap"));
    namespace.dropToHost(RTP_MIN, RTP_MIN + 199, percent, 7919L * percent);
    int before = bot.bean(CallRecordStore.class).list().size();
    var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), namespace.hostAddress(), SIP_PORT,
        namespace.namespaceAddress(), namespace.exec());

    var result = sipp.call("ask-question", "100", dir, SIP_PORT + 10, SIP_PORT + 12, Duration.ofSeconds(60));

    assertThat(result.passed()).as(result.output()).isTrue();
    long dropped = namespace.dropped();
    CallRecord record = awaitRecord(before);
    System.out.printf("%d %% loss: nftables dropped %d packets, the bot counted %d lost of %d received%n",
        percent, dropped, record.media().packetsLost(), record.media().packetsReceived());
    assertThat(dropped).as("nftables dropped caller packets").isPositive();
    assertThat(record.media().packetsLost()).as("the bot saw the loss").isPositive();
    // Understood means the dialplan matched the spoken question to its intent, not that every word
    // survived: at 15 % a burst of drops can garble one word ("opening" or "hours") while the rest
    // still matches. The turn must come from speech (caller text, no key was pressed in this
    // scenario), reach the hours intent, and be answered with that intent's reply.
    assertThat(record.turns()).as("turns: %s, transcript: %s", record.turns(), record.transcript())
        .anySatisfy(turn -> {
          assertThat(turn.callerText()).as("recognized caller speech").isNotBlank();
          assertThat(turn.intent()).isEqualTo("hours");
          assertThat(turn.reply()).contains("nine to five");
        });
    assertThat(record.transcript()).as("transcript: %s", record.transcript())
        .anySatisfy(line -> {
          assertThat(line.speaker()).isEqualTo("BOT");
          assertThat(line.text()).contains("nine to five");
        });
  }

  private static CallRecord awaitRecord(int before) throws InterruptedException {
    var store = bot.bean(CallRecordStore.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while ((store.list().size() <= before || store.list().getFirst().endedAt() == null)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return store.list().getFirst();
  }
}
