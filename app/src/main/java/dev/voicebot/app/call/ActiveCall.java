package dev.voicebot.app.call;

import dev.voicebot.app.recordings.CallRecorder;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.app.records.EventKind;
import dev.voicebot.pipeline.conversation.CallActions;
import dev.voicebot.pipeline.conversation.CallConversation;
import dev.voicebot.pipeline.conversation.LineEcho;
import dev.voicebot.rtp.MediaListener;
import dev.voicebot.rtp.RtpSession;
import dev.voicebot.rtp.aec.LineEchoState;
import dev.voicebot.sip.InboundCall;
import dev.voicebot.sip.NegotiatedMedia;
import dev.voicebot.sip.sdp.MediaDirection;
import dev.voicebot.sip.transfer.TransferOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One answered call: media flows from the RTP session into the conversation, and the
 * conversation's actions go back to the RTP session and the SIP dialog.
 */
final class ActiveCall implements MediaListener, CallActions {

  private static final Logger log = LoggerFactory.getLogger(ActiveCall.class);
  /** A key press as phones send it: long enough for any IVR's detector. */
  private static final Duration DTMF_DURATION = Duration.ofMillis(160);

  private final InboundCall call;
  private final RtpSession rtp;
  private final String dialplanName;
  private final Instant startedAt;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final CallRecordStore records;
  /** Set once before media starts when the call is recorded; read on the media clock thread. */
  private volatile CallRecorder recorder;
  private volatile CallConversation conversation;
  private final EchoMeter echoMeter = new EchoMeter();
  /** Media clock thread only: the bot's audio is on the wire, so echo may come back. */
  private boolean botTalking;
  private NegotiatedMedia media;
  private boolean held;

  ActiveCall(InboundCall call, RtpSession rtp, String dialplanName, Instant startedAt, CallRecordStore records) {
    this.call = call;
    this.records = records;
    this.rtp = rtp;
    this.dialplanName = dialplanName;
    this.startedAt = startedAt;
  }

  /** Binds the conversation; media that arrived before is dropped, as nobody was listening yet. */
  void attach(CallConversation conversation) {
    this.conversation = conversation;
  }

  InboundCall call() {
    return call;
  }

  RtpSession rtp() {
    return rtp;
  }

  String dialplanName() {
    return dialplanName;
  }

  Instant startedAt() {
    return startedAt;
  }

  CallConversation conversation() {
    return conversation;
  }

  /** Records the call from now on (before media starts, so the recording has all of it). */
  void record(CallRecorder recorder) {
    this.recorder = recorder;
  }

  /** Ends the recording, if any: its file gets the rest of the audio and its final header. */
  void stopRecording() {
    CallRecorder r = recorder;
    if (r != null) {
      recorder = null;
      r.finish();
    }
  }

  private void event(EventKind kind, String detail) {
    records.event(call.callId(), kind, detail);
  }

  EchoMeter echoMeter() {
    return echoMeter;
  }

  /** Starts RTP with the first negotiated media (from the INVITE, or from the ACK of a late offer). */
  synchronized void startMedia(NegotiatedMedia media) {
    // Codec, telephone-event and comfort noise types, and SRTP when the caller's offer was
    // RTP/SAVP (sip-ua answered with our key in a=crypto).
    NegotiatedFormats.start(rtp, media, this);
    this.media = media;
  }

  /**
   * A re-INVITE changed the media. The caller's address moves at once; a caller that stops
   * receiving (sendonly/inactive: hold) gets no RTP and the conversation pauses until it resumes.
   */
  synchronized void mediaChanged(NegotiatedMedia next, MediaDirection direction) {
    if (media == null) {
      startMedia(next);
    } else {
      if (!next.remoteRtp().equals(media.remoteRtp())) {
        log.info("caller's media moved to {}", next.remoteRtp());
        rtp.updateRemote(next.remoteRtp());
        event(EventKind.MEDIA_MOVED, next.remoteRtp().toString());
      }
      if (NegotiatedFormats.formatsChanged(media, next)) {
        // sip-ua keeps the current codec whenever the re-offer still lists it, so a codec change
        // only happens when the caller dropped it; the session switches at its next tick.
        log.info("caller re-negotiated {} -> {}", media.codec(), next.codec());
        event(EventKind.CODEC_SWITCH, media.codec().name() + " -> " + next.codec().name());
        try {
          NegotiatedFormats.switchTo(rtp, next);
        } catch (IllegalArgumentException | IllegalStateException e) {
          // sip-ua only agrees to codecs the bridge has, so this is a bug: keep the call going.
          log.error("cannot switch the RTP session to {}: {}", next.codec(), e.getMessage());
        }
      }
      if (!next.srtp().equals(media.srtp())) {
        // sip-ua keeps our key across re-offers; only a caller changing its own key (or turning
        // SRTP on or off) gets here, and the RTP session cannot re-key mid-call yet.
        log.warn("caller changed its SRTP keys in a re-offer; the RTP session keeps the old ones");
      }
      media = next;
    }
    boolean held = !direction.receives();
    if (held != this.held) {
      this.held = held;
      log.info(held ? "call on hold" : "call resumed");
      event(held ? EventKind.HOLD : EventKind.RESUME, direction.toString());
      rtp.setSending(!held);
      CallConversation c = conversation;
      if (c != null) {
        c.onHold(held);
      }
    }
  }

  /** True only for the first caller, so teardown runs once whichever side ends the call. */
  boolean markEnded() {
    return ended.compareAndSet(false, true);
  }

  boolean isEnded() {
    return ended.get();
  }

  // Media from the caller: called on the media clock thread, must not block.

  @Override
  public void onRawAudioFrame(short[] pcm16k) {
    CallRecorder r = recorder;
    if (r != null) {
      r.caller(pcm16k);
    }
    if (botTalking) {
      echoMeter.raw(pcm16k);
    }
  }

  @Override
  public void onSentAudioFrame(short[] pcm16k) {
    CallRecorder r = recorder;
    if (r != null) {
      r.bot(pcm16k);
    }
  }

  @Override
  public void onAudioFrame(short[] pcm16k) {
    if (botTalking) {
      echoMeter.cleaned(pcm16k);
    }
    CallConversation c = conversation;
    if (c != null) {
      c.onAudioFrame(pcm16k);
    }
  }

  @Override
  public void onLineEcho(LineEchoState state) {
    // On the media clock, but a line changes its echo state once or twice a call: the store's
    // lock is held for a list add and the database write is only queued.
    event(EventKind.LINE_ECHO, state.name().toLowerCase(java.util.Locale.ROOT));
    CallConversation c = conversation;
    if (c != null) {
      c.onLineEcho(switch (state) {
        case UNKNOWN -> LineEcho.UNKNOWN;
        case ABSENT -> LineEcho.NONE;
        case PRESENT -> LineEcho.PRESENT;
      });
    }
  }

  @Override
  public void onDtmf(char digit) {
    event(EventKind.DTMF, String.valueOf(digit));
    CallConversation c = conversation;
    if (c != null) {
      c.onDtmf(digit);
    }
  }

  @Override
  public void onPlayoutStarted() {
    botTalking = true;
    CallConversation c = conversation;
    if (c != null) {
      c.onPlayoutStarted();
    }
  }

  @Override
  public void onPlayoutDrained() {
    botTalking = false;
    CallConversation c = conversation;
    if (c != null) {
      c.onPlayoutDrained();
    }
  }

  // Actions of the conversation.

  @Override
  public void play(short[] pcm16k) {
    if (!ended.get()) {
      rtp.play(pcm16k);
    }
  }

  @Override
  public void clearPlayout() {
    rtp.clearPlayout();
  }

  @Override
  public void hangup() {
    if (!ended.get()) {
      call.call().hangup();
    }
  }

  /**
   * Blind transfer by REFER. The target comes from the dialplan's transfer targets (the
   * conversation never builds one from what a caller or a model said); its outcome goes back to
   * the conversation, which hangs up on success and tells the caller on failure.
   */
  @Override
  public void transfer(String sipUri) {
    event(EventKind.TRANSFER, sipUri);
    CallConversation c = conversation;
    CompletableFuture<TransferOutcome> outcome;
    try {
      outcome = call.call().transfer(sipUri);
    } catch (IllegalArgumentException e) {
      log.error("transfer target {} refused: {}", sipUri, e.getMessage());
      event(EventKind.TRANSFER_RESULT, "refused: " + e.getMessage());
      if (c != null) {
        c.onTransferResult(false, e.getMessage());
      }
      return;
    }
    outcome.thenAccept(result -> {
      event(EventKind.TRANSFER_RESULT, switch (result) {
        case TransferOutcome.Succeeded s -> "succeeded";
        case TransferOutcome.Failed f -> "failed: " + f.status() + " " + f.reason();
      });
      if (c == null) {
        return;
      }
      switch (result) {
        case TransferOutcome.Succeeded s -> c.onTransferResult(true, "transferred to " + sipUri);
        case TransferOutcome.Failed f -> c.onTransferResult(false, f.status() + " " + f.reason());
      }
    });
  }

  /** RFC 4733 digits on the call's RTP stream, e.g. to drive an IVR after a transfer. */
  @Override
  public void sendDtmf(String digits) {
    for (char digit : digits.toCharArray()) {
      try {
        if (!rtp.sendDtmf(digit, DTMF_DURATION)) {
          log.warn("DTMF queue full: digit {} not sent", digit);
        }
      } catch (IllegalStateException | IllegalArgumentException e) {
        log.warn("cannot send DTMF {}: {}", digit, e.getMessage());
        return;
      }
    }
  }
}
