package dev.voicebot.app.bench;

import dev.voicebot.app.harness.CallTimeline;
import dev.voicebot.app.harness.CapturedAudio;
import dev.voicebot.app.harness.CapturedRtp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.pipeline.corpus.WordErrorRate;
import dev.voicebot.pipeline.dialplan.Dialplan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one corpus call measured, at the caller's side (from the capture) and in the call record.
 *
 * <p>When the caller talked is taken from the corpus's noise-free speech placed at the time its
 * first packet was on the wire, not from the captured caller stream: on a noisy or echoing line
 * that stream is "voiced" when the caller is not talking.
 *
 * @param intentOk the bot's transcript has the reply of the caller's intent (null: nothing asked)
 * @param wer the CALLER lines said while the caller talked against the words said
 * @param voiceToVoiceMs for every reply: caller's last voiced packet → bot's first voiced packet
 * @param bargeInMs talk-over: caller's first voiced packet → bot's last voiced packet of the
 *     talkspurt it was in (empty when the bot was not talking)
 * @param greetingPackets voiced packets the bot sent from its first one until the caller spoke
 *     (or 6 s), and {@code greetingGapMs} the longest pause inside them: a cut or paused greeting
 *     shows against the clean calls' figures
 * @param selfHeard CALLER lines recorded while the caller was not talking
 * @param readBack the digits the bot read back after "Order number", or null
 * @param heard the CALLER lines said while the caller talked, joined
 * @param turns the call record's spoken turns, where their time went inside the bot (last voiced
 *     frame → endpoint decided / → first RTP packet, ms) and the intent, e.g. "200/221 hours"
 */
record CallMeasures(PlannedCall call, Boolean intentOk, WordErrorRate wer, List<Double> voiceToVoiceMs,
    OptionalLong bargeInMs, int greetingPackets, long greetingGapMs, int selfHeard, String readBack,
    boolean sippCompleted, String heard, List<String> turns) {

  /** Bot talkspurts are split at pauses this long (as the capture harness splits them). */
  private static final long SPURT_GAP_MICROS = 250_000;
  /** A reply later than this after the caller stopped is not an answer to it (e.g. a silence prompt). */
  private static final long MAX_REPLY_MICROS = 4_000_000;
  /**
   * Sooner than this after the caller's last word is no reply (the endpoint alone takes 200 ms):
   * the bot resuming or starting over a caller who has not finished.
   */
  private static final long MIN_REPLY_MICROS = 100_000;
  /** Caller talkspurts are split at pauses this long; a CALLER line within 3 s after one is the caller's. */
  private static final long CALLER_SPURT_GAP_MICROS = 2_000_000;
  private static final long TRANSCRIPT_GRACE_MICROS = 3_000_000;
  private static final long GREETING_WINDOW_MICROS = 6_000_000;

  static CallMeasures of(CallRunner.Outcome captured, Dialplan dialplan, int botMin, int botMax) {
    PlannedCall call = captured.call();
    // Only this call's streams: a bot still talking to an earlier caller's port (a transfer that
    // outlived SIPp) is on the bot's ports too.
    var packets = captured.packets().stream()
        .filter(p -> p.srcPort() == captured.mediaPort() || p.dstPort() == captured.mediaPort()).toList();
    var outcome = new CallRunner.Outcome(call, packets, captured.record(), captured.sippCompleted(), captured.mediaPort());
    CallTimeline timeline = CallTimeline.of(packets, botMin, botMax);
    CapturedAudio bot = timeline.bot();
    List<Long> caller = callerVoiced(outcome, botMin, botMax);
    List<long[]> callerSpurts = spurts(caller, CALLER_SPURT_GAP_MICROS);
    CallRecord record = outcome.record();
    List<CallRecord.Line> lines = record == null ? List.of() : record.transcript();

    var heard = new StringBuilder();
    int selfHeard = 0;
    for (var line : lines) {
      if (!line.speaker().equals("CALLER")) {
        continue;
      }
      if (within(micros(line.at()), callerSpurts)) {
        heard.append(line.text()).append(' ');
      } else {
        selfHeard++;
      }
    }
    Boolean intentOk = call.intent() == null ? null : replied(lines, dialplan, call.intent());
    WordErrorRate wer = call.intent() == null ? null : WordErrorRate.of(call.reference(), heard.toString());

    long firstCaller = caller.isEmpty() ? Long.MAX_VALUE : caller.getFirst();
    long greetingStart = bot.firstVoiced();
    int greetingPackets = 0;
    long greetingGap = 0;
    long previous = -1;
    for (var v : bot.voiced()) {
      long t = v.captureMicros();
      if (greetingStart < 0 || t >= firstCaller || t > greetingStart + GREETING_WINDOW_MICROS) {
        break;
      }
      greetingPackets++;
      greetingGap = previous < 0 ? 0 : Math.max(greetingGap, t - previous);
      previous = t;
    }

    OptionalLong bargeIn = OptionalLong.empty();
    if (call.kind() == PlannedCall.Kind.TALK_OVER && !caller.isEmpty()) {
      long stop = bot.endOfTalkspurtAt(caller.getFirst(), SPURT_GAP_MICROS);
      if (stop >= caller.getFirst()) {
        bargeIn = OptionalLong.of((stop - caller.getFirst()) / 1000);
      }
    }
    return new CallMeasures(call, intentOk, wer, voiceToVoice(bot, caller), bargeIn, greetingPackets,
        greetingGap / 1000, selfHeard, readBack(lines), outcome.sippCompleted(), heard.toString().strip(),
        record == null ? List.of() : record.turns().stream()
            .filter(t -> !t.callerText().isEmpty())
            .map(t -> t.endpointMs() + "/" + t.firstPacketMs() + " " + (t.intent().isEmpty() ? "-" : t.intent()))
            .toList());
  }

  /**
   * Every bot talkspurt that follows caller speech heard since the bot's previous talkspurt ended
   * is a reply (answers, reprompts, read-backs; not the later sentences of one reply): its onset
   * minus the caller's last voiced packet before it, when that is 0.1 to 4 s.
   */
  private static List<Double> voiceToVoice(CapturedAudio bot, List<Long> caller) {
    var botTimes = bot.voiced().stream().map(CapturedAudio.Voiced::captureMicros).toList();
    var out = new ArrayList<Double>();
    long previousEnd = Long.MIN_VALUE;
    for (long[] spurt : spurts(botTimes, SPURT_GAP_MICROS)) {
      long onset = spurt[0];
      long lastCaller = caller.stream().mapToLong(Long::longValue).filter(t -> t < onset).max().orElse(Long.MIN_VALUE);
      if (lastCaller > previousEnd && onset - lastCaller >= MIN_REPLY_MICROS && onset - lastCaller <= MAX_REPLY_MICROS) {
        out.add((onset - lastCaller) / 1000.0);
      }
      previousEnd = spurt[1];
    }
    return out;
  }

  /**
   * When the caller's packets carrying speech were on the wire: the corpus speech's voiced 20 ms
   * frames, placed from the caller's first packet (SIPp's pcap starts at the answer) or, on the
   * echoing line, from the bot's first packet (the line sends one packet per bot packet).
   */
  private static List<Long> callerVoiced(CallRunner.Outcome outcome, int botMin, int botMax) {
    var audio = outcome.call().audio();
    long anchor = outcome.packets().stream()
        .filter(p -> outcome.call().echoing()
            ? p.srcPort() >= botMin && p.srcPort() <= botMax && p.payloadType() == 0
            : p.srcPort() == outcome.mediaPort() && p.payloadType() == 0)
        .mapToLong(CapturedRtp.Packet::captureMicros).min().orElse(-1);
    var out = new ArrayList<Long>();
    if (anchor < 0) {
      return out;
    }
    for (int frame = 0; frame * 160 < audio.speech8k().length; frame++) {
      if (audio.voicedFrame(frame)) {
        out.add(anchor + frame * 20_000L);
      }
    }
    return out;
  }

  /** Runs of times with pauses shorter than {@code gap}, as [start, end] pairs. */
  private static List<long[]> spurts(List<Long> times, long gap) {
    var out = new ArrayList<long[]>();
    for (long t : times) {
      if (!out.isEmpty() && t - out.getLast()[1] < gap) {
        out.getLast()[1] = t;
      } else {
        out.add(new long[] {t, t});
      }
    }
    return out;
  }

  private static boolean within(long micros, List<long[]> callerSpurts) {
    return callerSpurts.stream().anyMatch(s -> micros >= s[0] && micros <= s[1] + TRANSCRIPT_GRACE_MICROS);
  }

  private static long micros(Instant at) {
    return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
  }

  /**
   * Whether a BOT line is the intent's reply (the prompt, for digits). The whole reply: the
   * goodbye's first sentence is also the greeting's.
   */
  static boolean replied(List<CallRecord.Line> lines, Dialplan dialplan, String intent) {
    var spec = dialplan.intents().stream().filter(i -> i.name().equals(intent)).findFirst().orElseThrow();
    // The intent's reply, or its prompt when it collects digits, or the reply for a day the caller
    // named ("are you open on saturday", "how late are you open today"): each one is that intent answered.
    var expected = new java.util.ArrayList<String>();
    expected.add(normalise(spec.collect().map(c -> c.prompt()).orElse(spec.reply())));
    spec.byDay().values().forEach(reply -> expected.add(normalise(reply)));
    return lines.stream().anyMatch(l -> l.speaker().equals("BOT")
        && expected.stream().anyMatch(normalise(l.text())::contains));
  }

  private static String readBack(List<CallRecord.Line> lines) {
    // Spoken numbers are asked back ("Did you say order number 1, 2, ...?"), keyed ones told ("Order number 1, 2, ... is").
    return lines.stream().filter(l -> l.speaker().equals("BOT") && l.text().toLowerCase(java.util.Locale.ROOT).contains("order number"))
        .map(l -> l.text().substring(l.text().toLowerCase(java.util.Locale.ROOT).indexOf("order number"))
            .split(" is |\\?")[0].replaceAll("[^0-9]", ""))
        .filter(digits -> !digits.isEmpty()) // the prompt ("... your five digit order number.") names no digits
        .findFirst().orElse(null);
  }

  private static String normalise(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 ]", "").replaceAll("\\s+", " ").strip();
  }
}
