package dev.voicebot.sip;

import dev.voicebot.sip.sdp.MediaDirection;
import dev.voicebot.sip.transfer.TransferOutcome;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test app: accepts with a fake RTP address (no socket is opened) and records every event. */
final class RecordingCallHandler implements CallHandler {

  static final InetSocketAddress FAKE_RTP = new InetSocketAddress("127.0.0.1", 40000);

  final List<InboundCall> invites = new CopyOnWriteArrayList<>();
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final Map<String, SipCall> calls = new ConcurrentHashMap<>();

  volatile Duration answerDelay = Duration.ZERO;
  volatile boolean hangUpWhenEstablished;
  /** If set, each established call is transferred there; the outcomes land in {@link #transfers}. */
  volatile String transferWhenEstablished;
  final BlockingQueue<CompletableFuture<TransferOutcome>> transfers = new LinkedBlockingQueue<>();

  @Override
  public CallAcceptance onInvite(InboundCall call) {
    invites.add(call);
    calls.put(call.callId(), call.call());
    events.add("invite");
    try {
      Thread.sleep(answerDelay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    events.add("decided");
    return CallAcceptance.accept(FAKE_RTP);
  }

  @Override
  public void onEstablished(String callId) {
    events.add("established");
    if (hangUpWhenEstablished) {
      calls.get(callId).hangup();
    }
    if (transferWhenEstablished != null) {
      transfers.add(calls.get(callId).transfer(transferWhenEstablished));
    }
  }

  @Override
  public void onEnded(String callId, EndReason reason) {
    events.add("ended:" + reason.getClass().getSimpleName());
  }

  @Override
  public void onDtmf(String callId, char digit) {
    events.add("dtmf:" + digit);
  }

  /** Recorded as {@code media:<codec>:<caller direction>:<remote RTP port>}. */
  @Override
  public void onMediaChanged(String callId, NegotiatedMedia media, MediaDirection direction) {
    events.add("media:" + media.codec().name() + ":" + direction.attribute() + ":"
        + media.remoteRtp().getPort());
  }

  SipCall call(String callId) {
    return calls.get(callId);
  }

  /** Events up to and including the first "ended", or whatever came within the wait. */
  List<String> eventsUntilEnded(Duration wait) throws InterruptedException {
    List<String> seen = new CopyOnWriteArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
      if (e == null) {
        return seen;
      }
      seen.add(e);
      if (e.startsWith("ended:")) {
        return seen;
      }
    }
  }
}
