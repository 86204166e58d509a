package dev.voicebot.app.bench;

import dev.voicebot.app.harness.CapturedRtp;
import dev.voicebot.app.harness.EchoingLine;
import dev.voicebot.app.harness.PacketCapture;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Places one {@link PlannedCall} against the running bot with SIPp, capturing the bot's RTP ports
 * on loopback, and returns what was on the wire and in the call record. An echo-free line is
 * SIPp's own media playing {@code caller.pcap}; an echoing line is {@link EchoingLine} (the bot
 * echoed 6 dB down after 40 ms, mixed with the caller's audio into one stream).
 */
final class CallRunner {

  /** SIPp's SIP ports and the callers' media ports: the benchmark's own ranges. */
  private static final int SIP_PORT_MIN = 32061;
  private static final int SIP_PORTS = 39;
  private static final int MEDIA_PORT_MIN = 32400;
  private static final int MEDIA_PORTS = 99;
  /** The echoing line's call length: double-talk-caller.xml stays 14 s. */
  static final int ECHOING_CALL_MILLIS = 14_000;

  /** What one call left: the packets on the bot's ports, the call record, whether SIPp completed. */
  record Outcome(PlannedCall call, List<CapturedRtp.Packet> packets, CallRecord record, boolean sippCompleted,
      int mediaPort) {}

  private final RunningBot bot;
  private final Sipp sipp;
  private final Path work;
  private int sequence;

  CallRunner(RunningBot bot, Path work) {
    this.bot = bot;
    this.sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), bot.sipPort());
    this.work = work;
  }

  Outcome place(PlannedCall call) throws IOException, InterruptedException {
    int n = sequence++;
    int sipPort = SIP_PORT_MIN + n % SIP_PORTS;
    int mediaPort = MEDIA_PORT_MIN + (n % MEDIA_PORTS) * 6; // SIPp binds -mp and -mp+2, the echoing line its own
    Path dir = Files.createDirectories(work.resolve("call-" + n));
    Instant before = Instant.now();
    Sipp.Result result;
    List<CapturedRtp.Packet> packets;
    try (var capture = PacketCapture.start(dir, "call", bot.rtpMin(), bot.rtpMax())) {
      if (call.echoing()) {
        try (var line = new EchoingLine(mediaPort, call.audio().pcm8k(), Duration.ZERO, 0.5, Duration.ofMillis(40))) {
          result = sipp.call("double-talk-caller", "100", dir, sipPort, mediaPort + 2, Duration.ofSeconds(40),
              "-key", "line_port", Integer.toString(mediaPort));
        }
      } else {
        RtpPcapWriter.writePcmu(call.audio().pcm8k(), dir.resolve("caller.pcap"));
        long millis = Math.round(call.audio().seconds() * 1000) + call.tailMillis();
        result = sipp.call("corpus-caller", "100", dir, sipPort, mediaPort, Duration.ofMillis(millis + 30_000),
            "-d", Long.toString(millis));
      }
      packets = capture.stop();
    }
    return new Outcome(call, packets, record(before), result.passed(), mediaPort);
  }

  /** The record of the call that started after {@code before}, once it has ended (at most 10 s). */
  private CallRecord record(Instant before) throws InterruptedException {
    var store = bot.bean(CallRecordStore.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      var found = store.list().stream().filter(r -> !r.startedAt().isBefore(before)).findFirst();
      if (found.isPresent() && found.get().endedAt() != null) {
        return found.get();
      }
      Thread.sleep(100);
    }
    return store.list().stream().filter(r -> !r.startedAt().isBefore(before)).findFirst().orElse(null);
  }
}
