/**
 * Deciding what the bot says. {@link dev.voicebot.pipeline.brain.Brain} is the seam between the
 * conversation (audio, timing, turn-taking) and the dialogue logic; {@link
 * dev.voicebot.pipeline.brain.ScriptedBrain} runs a {@link dev.voicebot.pipeline.dialplan.Dialplan}
 * script: intents matched fuzzily (robust to phrasing and recognizer errors), DTMF menus, digit
 * collection, reprompts and silence handling. An LLM brain can implement the same interface later.
 *
 * <p>Brains are per call, not thread-safe, and pure: no audio, no threads, no clock.
 */
package dev.voicebot.pipeline.brain;
