package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.conversation.CallActions;
import dev.voicebot.pipeline.conversation.ConversationListener;
import dev.voicebot.pipeline.conversation.Speaker;
import dev.voicebot.pipeline.conversation.TurnTimings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The app's side of a call as the tests see it: every action in order, plus what the listener heard. */
final class RecordingCall implements CallActions, ConversationListener {

  sealed interface Action {}

  record Played(short[] pcm) implements Action {}

  record Cleared() implements Action {}

  record HungUp() implements Action {}

  record Transferred(String sipUri) implements Action {}

  record SentDtmf(String digits) implements Action {}

  record Line(Speaker speaker, String text) {}

  final List<Action> actions = new CopyOnWriteArrayList<>();
  final List<Line> transcript = new CopyOnWriteArrayList<>();
  final List<TurnTimings> turns = new CopyOnWriteArrayList<>();
  final List<String> states = new CopyOnWriteArrayList<>();

  @Override
  public void play(short[] pcm16k) {
    actions.add(new Played(pcm16k));
  }

  @Override
  public void clearPlayout() {
    actions.add(new Cleared());
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
    actions.add(new SentDtmf(digits));
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

  List<short[]> played() {
    return actions.stream().filter(Played.class::isInstance).map(a -> ((Played) a).pcm()).toList();
  }

  int playedSamples() {
    return played().stream().mapToInt(p -> p.length).sum();
  }

  <T extends Action> List<T> all(Class<T> type) {
    return actions.stream().filter(type::isInstance).map(type::cast).toList();
  }

  boolean hungUp() {
    return !all(HungUp.class).isEmpty();
  }
}
