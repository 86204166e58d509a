package dev.voicebot.pipeline.conversation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The app's side of a call as the tests see it: what was played, cleared and hung up, in order. */
final class RecordingCall implements CallActions, ConversationListener {

  sealed interface Action {}

  record Played(String text) implements Action {}

  record Cleared(int atVadFrame) implements Action {}

  record HungUp() implements Action {}

  record Transferred(String sipUri) implements Action {}

  record DtmfSent(String digits) implements Action {}

  record Line(Speaker speaker, String text) {}

  final List<Action> actions = new CopyOnWriteArrayList<>();
  final List<Line> transcript = new CopyOnWriteArrayList<>();
  final List<TurnTimings> turns = new CopyOnWriteArrayList<>();
  final List<String> states = new CopyOnWriteArrayList<>();
  private final FakeTts tts;
  private final FakeVad vad;

  RecordingCall(FakeTts tts, FakeVad vad) {
    this.tts = tts;
    this.vad = vad;
  }

  @Override
  public void play(short[] pcm16k) {
    actions.add(new Played(tts.textOf.getOrDefault(pcm16k, "?")));
  }

  @Override
  public void clearPlayout() {
    actions.add(new Cleared(vad.framesSeen.get()));
  }

  @Override
  public void hangup() {
    actions.add(new HungUp());
  }

  @Override
  public void transfer(String sipUri) {
    actions.add(new Transferred(sipUri));
  }

  @Override
  public void sendDtmf(String digits) {
    actions.add(new DtmfSent(digits));
  }

  @Override
  public void onTranscript(String callId, Speaker speaker, String text) {
    transcript.add(new Line(speaker, text));
  }

  @Override
  public void onTurn(String callId, TurnTimings timings) {
    turns.add(timings);
  }

  @Override
  public void onStateChanged(String callId, String state) {
    states.add(state);
  }

  List<String> played() {
    return actions.stream().filter(Played.class::isInstance).map(a -> ((Played) a).text()).toList();
  }

  boolean hungUp() {
    return actions.stream().anyMatch(HungUp.class::isInstance);
  }

  String lastState() {
    return states.isEmpty() ? "" : states.getLast();
  }
}
