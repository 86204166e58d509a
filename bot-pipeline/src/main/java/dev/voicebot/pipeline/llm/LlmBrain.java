package dev.voicebot.pipeline.llm;

import dev.voicebot.pipeline.brain.Brain;
import dev.voicebot.pipeline.brain.Reply;
import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.LlmSettings;
import dev.voicebot.pipeline.llm.ChatMessage.AssistantMessage;
import dev.voicebot.pipeline.llm.ChatMessage.ToolMessage;
import dev.voicebot.pipeline.llm.ChatMessage.UserMessage;
import dev.voicebot.pipeline.text.SentenceChunker;
import dev.voicebot.pipeline.text.Truncate;
import dev.voicebot.pipeline.tools.CallEffect;
import dev.voicebot.pipeline.tools.CallTools;
import dev.voicebot.pipeline.tools.ToolDecision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's language-model brain: answers the caller's turns by streaming chat completions,
 * sentence by sentence, with tools; falls back to the dialplan script when the model fails.
 *
 * <p>Confined to the conversation's thread, like {@link Brain}, but asynchronous: requests run on
 * virtual threads and report through {@code post} as {@link LlmEvent}s, which the conversation
 * hands back to {@link #on}. Every entry point returns the {@link LlmAction}s to carry out.
 *
 * <p>A turn is one or more rounds: a round is one request; tool results that the model must read
 * (webhook answers, refusals) start another round, up to {@value #MAX_ROUNDS}. Call effects wait
 * for the end of the turn's speech (see {@link LlmAction.Finish}). Failure rules (lessons §7): a
 * round that already spoke is never retried, what was said stands; a turn that said nothing
 * falls back to the script with the dialplan's apology first.
 */
public final class LlmBrain implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LlmBrain.class);

  static final int MAX_ROUNDS = 4;
  static final String INTERRUPTED_RESULT = "Not done: the caller interrupted before this happened.";

  private final String callId;
  private final Dialplan dialplan;
  private final LlmSettings settings;
  private final Brain fallback;
  private final ChatCompletionsClient client;
  private final WebhookClient webhooks;
  private final Consumer<LlmEvent> post;
  private final CallTools tools;
  private final History history;
  private long turnSeq;
  /** The turn being answered, or whose speech is still playing; null between turns. */
  private Turn turn;
  /** A transfer handed to the app, awaiting its result. */
  private PendingEffect transferInFlight;

  /** An effect waiting for the end of the speech, with the tool result that announced it. */
  private record PendingEffect(CallEffect effect, ToolMessage result) {}

  /** An assistant message of the turn and the sentences of it that were sent to speech. */
  private record Part(AssistantMessage message, List<String> sentences) {}

  private static final class Turn {
    final long id;
    final String callerText;
    int round;
    boolean roundOpen;
    ChatStream stream;
    SentenceChunker chunker;
    StringBuilder roundText;
    List<String> roundSaid;
    boolean spoke;
    boolean fillerSaid;
    boolean finished;
    boolean followUp;
    boolean terminal;
    Reply.After after = Reply.After.LISTEN;
    final List<Part> parts = new ArrayList<>();
    final List<PendingEffect> effects = new ArrayList<>();
    final Map<String, WebhookClient.Call> webhooksRunning = new LinkedHashMap<>();

    Turn(long id, String callerText) {
      this.id = id;
      this.callerText = callerText;
    }
  }

  public LlmBrain(
      String callId,
      Dialplan dialplan,
      Brain fallback,
      ChatCompletionsClient client,
      WebhookClient webhooks,
      Consumer<LlmEvent> post) {
    this.callId = callId;
    this.dialplan = dialplan;
    this.settings = dialplan.llm().orElseThrow(() -> new IllegalArgumentException("dialplan has no llm settings"));
    this.fallback = fallback;
    this.client = client;
    this.webhooks = webhooks;
    this.post = post;
    this.tools = new CallTools(dialplan.transferTargets(), settings.tools(), CallTools.Reported.BEFORE_IT_RUNS);
    this.history = new History(settings.systemPrompt(), settings.historyTokenBudget());
  }

  // ---------------------------------------------------------------- the conversation's calls

  /** The caller finished a turn with these words: starts answering. Speech follows as events. */
  public List<LlmAction> onUtterance(String text) {
    if (turn != null) {
      interrupt(List.of());
    }
    turn = new Turn(++turnSeq, text);
    history.add(new UserMessage(text));
    startRound();
    return List.of();
  }

  /** Handles a result of the brain's own I/O. */
  public List<LlmAction> on(LlmEvent event) {
    List<LlmAction> out = new ArrayList<>();
    switch (event) {
      case LlmEvent.Chat chat -> {
        if (turn == null || chat.turn() != turn.id || chat.round() != turn.round || !turn.roundOpen) {
          return out; // from a cancelled turn or round
        }
        switch (chat.event()) {
          case ChatEvent.TextDelta delta -> onText(delta.text(), out);
          case ChatEvent.Completed completed -> onCompleted(completed, out);
          case ChatEvent.Failed failed -> onFailed(failed, out);
        }
      }
      case LlmEvent.WebhookDone done -> {
        if (turn == null || done.turn() != turn.id || turn.webhooksRunning.remove(done.toolCallId()) == null) {
          return out;
        }
        history.add(new ToolMessage(done.toolCallId(), done.result().content()));
        if (turn.webhooksRunning.isEmpty() && !turn.roundOpen) {
          continueOrFinish(out);
        }
      }
    }
    return out;
  }

  /** The filler delay passed: a short phrase if the model has said nothing yet this turn. */
  public List<LlmAction> onFillerDue() {
    if (turn == null || turn.finished || turn.spoke || turn.fillerSaid || settings.filler().isBlank()) {
      return List.of();
    }
    turn.fillerSaid = true;
    return SentenceChunker.split(settings.filler()).stream().<LlmAction>map(LlmAction.Say::new).toList();
  }

  /**
   * The caller interrupted (or the bot was silenced): stop the request and webhooks, and keep in
   * the history only what the caller actually got to hear.
   *
   * @param heard the sentences of the current speech that were handed to playout, in order
   */
  public void interrupt(List<String> heard) {
    Turn t = turn;
    if (t == null) {
      return;
    }
    turn = null;
    if (t.stream != null) {
      t.stream.cancel();
    }
    t.webhooksRunning.forEach((id, call) -> {
      call.cancel();
      history.add(new ToolMessage(id, "Cancelled: the caller interrupted before the result arrived."));
    });
    if (t.roundOpen && !t.roundSaid.isEmpty()) {
      AssistantMessage partial = new AssistantMessage(String.join(" ", t.roundSaid), List.of());
      history.add(partial);
      t.parts.add(new Part(partial, t.roundSaid));
    }
    keepOnlyHeard(t, heard);
    for (PendingEffect effect : t.effects) {
      history.replace(effect.result(), new ToolMessage(effect.result().toolCallId(), INTERRUPTED_RESULT));
    }
    log.debug("[{}] LLM turn {} interrupted", callId, t.id);
  }

  /** The turn's speech has been heard to the end; its effects are being carried out. */
  public void onSpeechHeard() {
    if (turn != null && turn.finished) {
      for (PendingEffect effect : turn.effects) {
        if (effect.effect() instanceof CallEffect.Transfer) {
          transferInFlight = effect;
        }
      }
      turn = null;
    }
  }

  /** The app reports how the transfer went; on failure the bot says so and the call carries on. */
  public List<LlmAction> onTransferResult(boolean ok, String detail) {
    PendingEffect pending = transferInFlight;
    transferInFlight = null;
    if (pending == null) {
      return List.of();
    }
    String target = ((CallEffect.Transfer) pending.effect()).target();
    String id = pending.result().toolCallId();
    if (ok) {
      history.replace(pending.result(), new ToolMessage(id, "The caller was transferred to " + target + "."));
      return List.of();
    }
    history.replace(pending.result(), new ToolMessage(id, "The transfer to " + target + " failed: "
        + Truncate.to(200, detail) + ". The caller is still on the line with you."));
    history.add(new AssistantMessage(settings.transferFailed(), List.of()));
    List<LlmAction> out = new ArrayList<>();
    SentenceChunker.split(settings.transferFailed()).forEach(s -> out.add(new LlmAction.Say(s)));
    out.add(new LlmAction.Finish(Reply.After.LISTEN, List.of()));
    return out;
  }

  /** Something the script said (greeting, prompts): recorded so the model knows it was said. */
  public void recordBotSaid(String text) {
    if (!text.isBlank()) {
      history.add(new AssistantMessage(text, List.of()));
    }
  }

  /** Whether a turn is being answered or its speech is still playing. */
  public boolean inTurn() {
    return turn != null;
  }

  @Override
  public void close() {
    interrupt(List.of());
    transferInFlight = null;
  }

  /** The history as it would be sent now (for tests and diagnostics). */
  List<ChatMessage> historyForRequest() {
    return history.forRequest();
  }

  // ---------------------------------------------------------------- rounds

  private void startRound() {
    Turn t = turn;
    t.round++;
    t.roundOpen = true;
    t.chunker = new SentenceChunker();
    t.roundText = new StringBuilder();
    t.roundSaid = new ArrayList<>();
    ChatRequest request = new ChatRequest(settings.model(), history.forRequest(), tools.specs(),
        settings.temperature(), settings.maxTokens());
    long id = t.id;
    int round = t.round;
    t.stream = client.stream(request, event -> post.accept(new LlmEvent.Chat(id, round, event)));
  }

  private void onText(String text, List<LlmAction> out) {
    turn.roundText.append(text);
    for (String sentence : turn.chunker.push(text)) {
      say(sentence, out);
    }
  }

  private void say(String sentence, List<LlmAction> out) {
    out.add(new LlmAction.Say(sentence));
    turn.roundSaid.add(sentence);
    turn.spoke = true;
  }

  private void onCompleted(ChatEvent.Completed completed, List<LlmAction> out) {
    Turn t = turn;
    t.roundOpen = false;
    t.stream = null;
    for (String sentence : t.chunker.finish()) {
      say(sentence, out);
    }
    String text = t.roundText.toString().strip();
    List<ToolCall> calls = completed.toolCalls();
    if (text.isEmpty() && calls.isEmpty()) {
      if (!t.spoke) {
        log.warn("[{}] LLM answered nothing; falling back to the script", callId);
        fallBack(out);
      } else {
        finish(out);
      }
      return;
    }
    AssistantMessage message = new AssistantMessage(text, calls);
    history.add(message);
    t.parts.add(new Part(message, t.roundSaid));
    List<ToolDecision> decisions = calls.stream().map(call -> tools.decide(call.name(), call.arguments())).toList();
    t.terminal |= decisions.stream().anyMatch(d -> d instanceof ToolDecision.Act act
        && (act.effect() instanceof CallEffect.EndCall || act.effect() instanceof CallEffect.Transfer));
    for (int i = 0; i < calls.size(); i++) {
      decide(calls.get(i), decisions.get(i));
    }
    if (t.webhooksRunning.isEmpty()) {
      continueOrFinish(out);
    }
  }

  private void decide(ToolCall call, ToolDecision decision) {
    Turn t = turn;
    switch (decision) {
      case ToolDecision.Refuse refuse -> {
        log.info("[{}] refused tool call {}: {}", callId, call.name(), refuse.result());
        history.add(new ToolMessage(call.id(), refuse.result()));
        t.followUp = true;
      }
      case ToolDecision.Act act -> {
        boolean second = act.effect() instanceof CallEffect.EndCall || act.effect() instanceof CallEffect.Transfer
            ? t.effects.stream().anyMatch(e -> e.effect() instanceof CallEffect.EndCall || e.effect() instanceof CallEffect.Transfer)
            : false;
        if (second) {
          history.add(new ToolMessage(call.id(), "Not done: the call is already ending or being transferred."));
          return;
        }
        ToolMessage result = new ToolMessage(call.id(), act.result());
        history.add(result);
        t.effects.add(new PendingEffect(act.effect(), result));
        if (act.effect() instanceof CallEffect.EndCall) {
          t.after = Reply.After.HANG_UP;
        }
      }
      case ToolDecision.CallWebhook hook -> {
        if (t.terminal) {
          history.add(new ToolMessage(call.id(), "Not run: the call is ending."));
          return;
        }
        long id = t.id;
        t.webhooksRunning.put(call.id(), webhooks.call(hook.tool(), hook.arguments(),
            result -> post.accept(new LlmEvent.WebhookDone(id, call.id(), result))));
        t.followUp = true;
      }
    }
  }

  private void continueOrFinish(List<LlmAction> out) {
    Turn t = turn;
    if (t.followUp && !t.terminal && t.round < MAX_ROUNDS) {
      t.followUp = false;
      startRound();
      return;
    }
    if (t.after == Reply.After.HANG_UP && !t.spoke) {
      sayScripted(dialplan.goodbye(), out);
    } else if (!t.spoke && t.effects.isEmpty()) {
      sayScripted(dialplan.apology(), out); // tools ran out of rounds without a word: never silence
    }
    finish(out);
  }

  private void finish(List<LlmAction> out) {
    Turn t = turn;
    t.finished = true;
    out.add(new LlmAction.Finish(t.after, t.effects.stream().map(PendingEffect::effect).toList()));
  }

  private void onFailed(ChatEvent.Failed failed, List<LlmAction> out) {
    Turn t = turn;
    t.roundOpen = false;
    t.stream = null;
    log.warn("[{}] LLM round {} of turn {} failed: {}", callId, t.round, t.id, failed.failure().describe());
    t.chunker.discard(); // an unfinished sentence is not worth speaking
    if (!t.roundSaid.isEmpty()) {
      // Never retried once speech has started: what was said stands, the turn just ends here.
      AssistantMessage said = new AssistantMessage(String.join(" ", t.roundSaid), List.of());
      history.add(said);
      t.parts.add(new Part(said, t.roundSaid));
      finish(out);
    } else if (!t.spoke) {
      fallBack(out);
    } else {
      sayScripted(dialplan.apology(), out);
      finish(out);
    }
  }

  /** The apology, then the script's answer to the caller's words. */
  private void fallBack(List<LlmAction> out) {
    Reply reply = fallback.onUtterance(turn.callerText);
    sayScripted(reply.isSilent() ? fallback.apology() : fallback.apology() + " " + reply.text(), out);
    turn.after = reply.after();
    finish(out);
  }

  /** Speaks fixed text as part of the turn, and records it so the model knows it was said. */
  private void sayScripted(String text, List<LlmAction> out) {
    List<String> sentences = SentenceChunker.split(text);
    sentences.forEach(s -> out.add(new LlmAction.Say(s)));
    turn.spoke |= !sentences.isEmpty();
    AssistantMessage message = new AssistantMessage(String.join(" ", sentences), List.of());
    history.add(message);
    turn.parts.add(new Part(message, sentences));
  }

  /** Rewrites the turn's assistant messages to the sentences that reached playout. */
  private void keepOnlyHeard(Turn t, List<String> heard) {
    int remaining = 0;
    int h = 0;
    // Heard sentences are a prefix of the turn's sentences, possibly with a filler in between.
    for (Part part : t.parts) {
      for (String sentence : part.sentences()) {
        while (h < heard.size() && !heard.get(h).equals(sentence)) {
          h++;
        }
        if (h < heard.size()) {
          remaining++;
          h++;
        }
      }
    }
    for (Part part : t.parts) {
      int keep = Math.min(remaining, part.sentences().size());
      remaining -= keep;
      if (keep == part.sentences().size()) {
        continue;
      }
      String content = String.join(" ", part.sentences().subList(0, keep));
      if (content.isEmpty() && part.message().toolCalls().isEmpty()) {
        history.remove(part.message());
      } else {
        history.replace(part.message(), new AssistantMessage(content, part.message().toolCalls()));
      }
    }
  }
}
