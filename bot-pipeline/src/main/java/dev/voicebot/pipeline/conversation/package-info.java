/**
 * One phone call's conversation: {@link dev.voicebot.pipeline.conversation.Conversation} is a
 * single-threaded actor (one virtual thread reading its mailbox) that owns all per-call state and
 * turns caller audio, DTMF and playout signals into bot speech and call actions.
 *
 * <p>The app implements {@link dev.voicebot.pipeline.conversation.CallActions} (play, clear,
 * hang up, transfer, send DTMF; results of a transfer come back through
 * {@link dev.voicebot.pipeline.conversation.Conversation#onTransferResult}) and {@link dev.voicebot.pipeline.conversation.ConversationListener} (transcripts, turn
 * timings, state changes), and shares one {@link dev.voicebot.pipeline.conversation.Engines} across
 * calls. VAD runs inline in the actor (sub-millisecond per frame); STT and TTS run on the shared
 * inference pool, one in-order lane per call for each, and come back as events. Everything the bot
 * says carries a generation id, so barge-in and hangup make late audio harmless.
 *
 * <p>With an LLM dialplan (and an {@link dev.voicebot.pipeline.llm.LlmService} in the engines),
 * the caller's words go to the model and its sentences are spoken as they stream in; call effects
 * of its tools run once their announcement has been heard; barge-in cancels the request too.
 */
package dev.voicebot.pipeline.conversation;
