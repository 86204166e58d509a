package dev.voicebot.sip;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Live calls by Call-ID; a call leaves it the moment it ends. */
final class CallRegistry {

  private final ConcurrentMap<String, InboundCallSession> calls = new ConcurrentHashMap<>();

  /** @return false if the Call-ID is already in use (a looped or forked INVITE) */
  boolean add(InboundCallSession call) {
    return calls.putIfAbsent(call.callId(), call) == null;
  }

  Optional<InboundCallSession> find(String callId) {
    return Optional.ofNullable(calls.get(callId));
  }

  void remove(InboundCallSession call) {
    calls.remove(call.callId(), call);
  }

  List<InboundCallSession> snapshot() {
    return List.copyOf(calls.values());
  }

  int size() {
    return calls.size();
  }
}
