package dev.voicebot.pipeline.conversation;

import static dev.voicebot.pipeline.conversation.TurnTimings.NOT_MEASURED;

import java.util.Objects;

/**
 * Reports each turn's timings to the listener once they are complete: a turn whose reply audio
 * was queued waits for the media clock's first RTP packet of that audio ({@code onPlayoutStarted},
 * posted to the call's actor), so the waterfall ends where the caller's wait really ends. Used by
 * both call actors alike. Actor-confined.
 *
 * <p>A start signal stamped before the reply was queued belongs to earlier audio and is ignored.
 * A reply that never starts a talkspurt of its own (it was queued behind audio still playing, or
 * cleared before its first packet) is reported without the packet when the next turn is reported
 * or the call ends, so no turn is lost and turns stay in order.
 */
public final class TurnReporter {

  private final String callId;
  private final ConversationListener listener;
  private TurnClock waitingForPacket;

  public TurnReporter(String callId, ConversationListener listener) {
    this.callId = Objects.requireNonNull(callId, "callId");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The turn's reply is decided (and its first audio queued, if it has any): report it now or at its first packet. */
  public void report(TurnClock turn) {
    flush();
    if (turn.firstAudioQueued == NOT_MEASURED) {
      listener.onTurn(callId, turn.timings()); // a silent reply: no packet will come
    } else {
      waitingForPacket = turn;
    }
  }

  /** The media clock sent the first packet of a talkspurt at {@code nanos}. */
  public void playoutStarted(long nanos) {
    TurnClock turn = waitingForPacket;
    if (turn != null && nanos - turn.firstAudioQueued >= 0) {
      turn.firstPacketSent = nanos;
      flush();
    }
  }

  /** Reports a turn still waiting for its packet without it (the call is ending). */
  public void flush() {
    TurnClock turn = waitingForPacket;
    if (turn != null) {
      waitingForPacket = null;
      listener.onTurn(callId, turn.timings());
    }
  }
}
