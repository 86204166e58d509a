/**
 * The realtime pipeline: instead of VAD, STT, brain and TTS, a call's audio goes to a
 * speech-to-speech model over the OpenAI Realtime WebSocket protocol, which does its own turn
 * detection and answers with audio. {@link dev.voicebot.pipeline.realtime.RealtimeSession} is one
 * call's actor (a virtual thread with a mailbox, like the cascaded {@code Conversation}); both are
 * driven by the app through {@link dev.voicebot.pipeline.realtime.CallConversation}.
 *
 * <p>Audio crosses to the model as pcm16 at 24 kHz, resampled from and to the call's 16 kHz by a
 * polyphase windowed-sinc {@code Resampler}: wideband callers (G.722, Opus) keep their band, which
 * G.711 at 8 kHz would halve. Barge-in follows the server's VAD: the bot's audio is cleared at once,
 * the response cancelled and the assistant item truncated to what the caller actually heard.
 * Tools map to the same call actions as the LLM brain, with transfers only to the dialplan's
 * allowlist. A fatal error or a dropped connection ends the call with the dialplan's apology
 * spoken by the local voice, never in silence.
 */
package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.conversation.CallConversation;