package dev.voicebot.pipeline.testing;

import dev.voicebot.pipeline.conversation.CallActions;
import dev.voicebot.pipeline.conversation.ConversationListener;
import dev.voicebot.pipeline.conversation.Speaker;
import dev.voicebot.pipeline.conversation.TurnTimings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The app's side of a call as the tests of both call actors see it: every action in order (what
 * was played, cleared, hung up, transferred and keyed), plus what the listener heard.
 */
public final class RecordingCall implements CallActions, ConversationListener {

  public sealed interface Action {}

  /** Audio played, as the text the test's fake voice made it from ({@code "?"} if none). */
  public record Played(String text) implements Action {}

  /** Playout cleared, when the test's fake VAD had seen {@code atVadFrame} frames ({@code -1}: no VAD). */
  public record Cleared(int atVadFrame) implements Action {}

  public record HungUp() implements Action {}

  public record Transferred(String sipUri) implements Action {}

  public record DtmfSent(String digits) implements Action {}

  public record Line(Speaker speaker, String text) {}

  public final List<Action> actions = new CopyOnWriteArrayList<>();
  public final List<Line> transcript = new CopyOnWriteArrayList<>();
  public final List<TurnTimings> turns = new CopyOnWriteArrayList<>();
  public final List<String> states = new CopyOnWriteArrayList<>();
  private final List<short[]> audio = new CopyOnWriteArrayList<>();
  private final Function<short[], String> textOf;
  private final IntSupplier vadFrame;

  /**
   * @param textOf the text a fake voice made the audio from, or null
   * @param vadFrame how many frames a fake VAD has seen
   */
  public RecordingCall(Function<short[], String> textOf, IntSupplier vadFrame) {
    this.textOf = textOf;
    this.vadFrame = vadFrame;
  }

  @Override
  public void play(short[] pcm16k) {
    audio.add(pcm16k);
    String text = textOf.apply(pcm16k);
    actions.add(new Played(text == null ? "?" : text));
  }

  @Override
  public void clearPlayout() {
    actions.add(new Cleared(vadFrame.getAsInt()));
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

  /** The texts played, in order. */
  public List<String> played() {
    return all(Played.class).stream().map(Played::text).toList();
  }

  /** The audio played, in order. */
  public List<short[]> playedAudio() {
    return List.copyOf(audio);
  }

  public int playedSamples() {
    return audio.stream().mapToInt(p -> p.length).sum();
  }

  public <T extends Action> List<T> all(Class<T> type) {
    return actions.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public boolean hungUp() {
    return !all(HungUp.class).isEmpty();
  }

  public String lastState() {
    return states.isEmpty() ? "" : states.getLast();
  }
}
