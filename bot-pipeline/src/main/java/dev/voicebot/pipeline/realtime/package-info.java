/**
 * The realtime pipeline: instead of VAD, STT, brain and TTS, a call's audio goes to a
 * speech-to-speech model over the OpenAI Realtime WebSocket protocol, which does its own turn
 * detection and answers with audio. {@link dev.voicebot.pipeline.realtime.RealtimeSession} is one
 * call's actor (a virtual thread with a mailbox, like the cascaded {@code Conversation}); both are
 * driven by the app through {@link dev.voicebot.pipeline.realtime.CallConversation}.
 *
 * <p>Audio crosses to the model as pcm16 at 24 kHz, resampled from and to the call's 16 kHz by a
 * polyphase windowed-sinc {@code Resampler}: wideband callers (G.722, Opus) keep their band, which
 * G.711 at 8 kHz would halve. Barge-in is heard first by the local Silero VAD on the caller's
 * echo-cancelled audio while the model speaks (the server's VAD events come hundreds of
 * milliseconds later, and still take the turns): the bot's audio is cleared at once, the response
 * cancelled and the assistant item truncated to what the caller actually heard. Tools map to the
 * same call actions as the LLM brain, with transfers only to the dialplan's allowlist. The
 * dialplan's silence reprompts and goodbye, and the maximum call duration, apply as in the
 * cascaded conversation. {@link dev.voicebot.pipeline.realtime.RealtimeCall} keeps that
 * conversation standing by: when the model cannot be reached or is lost, it takes the call over
 * with the dialplan's apology, never leaving the caller in silence.
 */
package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.conversation.CallConversation;