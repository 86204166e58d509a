/**
 * The tools a model may call during a phone call, shared by the LLM brain and the realtime
 * session: {@link dev.voicebot.pipeline.tools.CallTools} offers them as {@link
 * dev.voicebot.pipeline.tools.ToolSpec}s and checks each call into a {@link
 * dev.voicebot.pipeline.tools.ToolDecision} (transfers only to the dialplan's allowlist, DTMF only
 * on the keypad), whose {@link dev.voicebot.pipeline.tools.CallEffect} runs once its announcement
 * has been heard.
 */
package dev.voicebot.pipeline.tools;
