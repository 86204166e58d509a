/**
 * What the call actors ({@code conversation.Conversation} and {@code realtime.RealtimeSession})
 * share in how they run: {@link dev.voicebot.pipeline.actor.Timers}, their deadlines fired by the
 * actor loop's own poll timeout, and {@link dev.voicebot.pipeline.actor.EventQueue}, their event
 * queue that bounds only audio frames.
 */
package dev.voicebot.pipeline.actor;
