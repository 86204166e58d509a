/**
 * Deciding what the bot says. {@link dev.voicebot.pipeline.brain.Brain} is the seam between the
 * conversation (audio, timing, turn-taking) and the dialogue logic; {@link
 * dev.voicebot.pipeline.brain.ScriptedBrain} runs a {@link dev.voicebot.pipeline.dialplan.Dialplan}
 * script: intents matched by their words (fuzzily, robust to recognizer errors) and by their
 * meaning (sentence embeddings, {@link dev.voicebot.pipeline.brain.IntentMatchers}), DTMF menus, digit
 * collection, slots of other types (yes/no, day, text), a yes/no read-back of spoken digits,
 * HTTP lookups whose answers fill prompt variables ({@link dev.voicebot.pipeline.brain.LookupStep}),
 * replies by day, "repeat that" and "start over", reprompts and silence handling. The optional language-model brain
 * ({@link dev.voicebot.pipeline.llm.LlmBrain}) is asynchronous and streams, so it has its own API;
 * it answers the caller's words and uses the scripted brain as its fallback, while keys, silence
 * and limits stay with the script.
 *
 * <p>Brains are per call, not thread-safe, and pure: no audio, no threads, no clock of their own.
 * A lookup runs in the {@link dev.voicebot.pipeline.lookup.LookupClient}; its answer comes back
 * through the conversation's mailbox ({@link dev.voicebot.pipeline.brain.Brain#onLookupAnswer}),
 * and what "today" is comes from an injected clock.
 */
package dev.voicebot.pipeline.brain;
