package dev.voicebot.pipeline.realtime;

/** Everything that can happen to a realtime session; its actor handles one at a time, in order. */
sealed interface SessionEvent {

  record Start() implements SessionEvent {}

  /** 20 ms of caller audio in a recycled buffer, stamped on arrival. */
  record Frame(short[] samples, int length, long receivedNanos) implements SessionEvent {}

  record Dtmf(char digit) implements SessionEvent {}

  /** The caller put the call on hold ({@code held}) or took it off hold. */
  record Hold(boolean held) implements SessionEvent {}

  record PlayoutStarted(long nanos) implements SessionEvent {}

  /** The playout queue ran empty; {@code nanos} tells it apart from audio queued after it. */
  record PlayoutDrained(long nanos) implements SessionEvent {}

  record RemoteHangup() implements SessionEvent {}

  /** The app closed the session. */
  record Shutdown() implements SessionEvent {}

  record TransferResult(boolean ok, String detail) implements SessionEvent {}

  /** The WebSocket is open; posted before any server message, so the actor sees them in order. */
  record Connected(RealtimeSocket socket) implements SessionEvent {}

  record ConnectFailed(Throwable error) implements SessionEvent {}

  record Server(ServerEvent event, long nanos) implements SessionEvent {}

  /** The server closed the WebSocket. */
  record SocketClosed(int code, String reason) implements SessionEvent {}

  record SocketFailed(Throwable error) implements SessionEvent {}

  /** The local voice synthesized the apology or the goodbye. */
  record LocalSpeechReady(short[] pcm16k) implements SessionEvent {}

  record LocalSpeechFailed(Exception error) implements SessionEvent {}

  record TimerFired(SessionTimer timer) implements SessionEvent {}
}
