package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.dialplan.Lookup;
import dev.voicebot.pipeline.lookup.LookupClient;
import dev.voicebot.pipeline.lookup.LookupOutcome;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lookups of one call's scripted brain: starts them off the conversation's thread, and turns
 * their answers (or their absence) into what the caller hears. At most one is pending; anything
 * the caller does meanwhile abandons it, and its late answer is dropped.
 */
final class LookupStep {

  private static final Logger log = LoggerFactory.getLogger(LookupStep.class);

  private final LookupClient client;
  private final Consumer<LookupAnswer> answers;
  private long lastId;
  private Pending pending;

  private record Pending(long id, Intent intent, Lookup lookup) {}

  /** @param answers where each lookup's answer goes, from whichever thread completes it */
  LookupStep(LookupClient client, Consumer<LookupAnswer> answers) {
    this.client = client;
    this.answers = answers;
  }

  /** Starts the intent's lookup with the call's variables; the reply awaits its answer. */
  Reply start(Intent intent, Lookup lookup, Variables variables) {
    long id = ++lastId;
    pending = new Pending(id, intent, lookup);
    client.fetch(lookup, variables.asMap()).whenComplete((outcome, error) -> answers.accept(new LookupAnswer(id,
        error == null ? outcome : new LookupOutcome.Failed("lookup failed: " + error))));
    return Reply.awaiting("", lookup.fillerDelay()).withIntent(intent.name());
  }

  boolean isPending() {
    return pending != null;
  }

  /** The caller moved on: whatever the pending lookup answers is not spoken. */
  void abandon() {
    pending = null;
  }

  /** The filler while the answer is still out; it awaits the answer again (without another filler). */
  Optional<Reply> fillerDue() {
    if (pending == null) {
      return Optional.empty();
    }
    return Optional.of(Reply.awaiting(pending.lookup().filler(), pending.lookup().timeout())
        .withIntent(pending.intent().name()));
  }

  /** The reply a lookup's answer completes, with its fields in {@code variables}; empty if abandoned. */
  Optional<Reply> answered(LookupAnswer answer, Variables variables) {
    if (pending == null || answer.id() != pending.id()) {
      return Optional.empty();
    }
    Pending done = pending;
    pending = null;
    Lookup lookup = done.lookup();
    String template = switch (answer.outcome()) {
      case LookupOutcome.Found found -> {
        variables.putAll(found.values());
        yield lookup.foundFor(variables.asMap());
      }
      case LookupOutcome.NotFound notFound -> lookup.notFound();
      case LookupOutcome.Failed failed -> {
        log.warn("lookup for intent '{}' failed ({}); saying the fallback", done.intent().name(), failed.reason());
        yield lookup.fallback();
      }
    };
    Reply.After after = done.intent().then() == Intent.Then.HANGUP ? Reply.After.HANG_UP : Reply.After.LISTEN;
    return Optional.of(new Reply(variables.render(template), after, Optional.of(done.intent().name())));
  }
}
