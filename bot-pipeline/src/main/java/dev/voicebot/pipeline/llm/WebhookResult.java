package dev.voicebot.pipeline.llm;

/** A webhook's answer as the model will read it; {@code ok} false for errors and timeouts. */
public record WebhookResult(boolean ok, String content) {}
