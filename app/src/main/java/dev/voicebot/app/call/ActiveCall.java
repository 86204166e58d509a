package dev.voicebot.app.call;

import dev.voicebot.pipeline.conversation.CallActions;
import dev.voicebot.pipeline.conversation.Conversation;
import dev.voicebot.rtp.MediaListener;
import dev.voicebot.rtp.RtpSession;
import dev.voicebot.sip.InboundCall;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One answered call: media flows from the RTP session into the conversation, and the
 * conversation's actions go back to the RTP session and the SIP dialog.
 */
final class ActiveCall implements MediaListener, CallActions {

  private final InboundCall call;
  private final RtpSession rtp;
  private final String dialplanName;
  private final Instant startedAt;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Conversation conversation;
  private final EchoMeter echoMeter = new EchoMeter();
  /** Media clock thread only: the bot's audio is on the wire, so echo may come back. */
  private boolean botTalking;

  ActiveCall(InboundCall call, RtpSession rtp, String dialplanName, Instant startedAt) {
    this.call = call;
    this.rtp = rtp;
    this.dialplanName = dialplanName;
    this.startedAt = startedAt;
  }

  /** Binds the conversation; media that arrived before is dropped, as nobody was listening yet. */
  void attach(Conversation conversation) {
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

  Conversation conversation() {
    return conversation;
  }

  EchoMeter echoMeter() {
    return echoMeter;
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
    if (botTalking) {
      echoMeter.raw(pcm16k);
    }
  }

  @Override
  public void onAudioFrame(short[] pcm16k) {
    if (botTalking) {
      echoMeter.cleaned(pcm16k);
    }
    Conversation c = conversation;
    if (c != null) {
      c.onAudioFrame(pcm16k);
    }
  }

  @Override
  public void onDtmf(char digit) {
    Conversation c = conversation;
    if (c != null) {
      c.onDtmf(digit);
    }
  }

  @Override
  public void onPlayoutStarted() {
    botTalking = true;
    Conversation c = conversation;
    if (c != null) {
      c.onPlayoutStarted();
    }
  }

  @Override
  public void onPlayoutDrained() {
    botTalking = false;
    Conversation c = conversation;
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
    call.call().hangup();
  }
}
