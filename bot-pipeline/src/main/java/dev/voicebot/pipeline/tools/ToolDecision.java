package dev.voicebot.pipeline.tools;

import dev.voicebot.pipeline.dialplan.WebhookTool;

/** What the bot does with one tool call the model made. */
public sealed interface ToolDecision {

  /** Run {@code effect} after the announcement; {@code result} tells the model it will happen or happened. */
  record Act(CallEffect effect, String result) implements ToolDecision {}

  /** Call the webhook now; its answer becomes the result. */
  record CallWebhook(WebhookTool tool, String arguments) implements ToolDecision {}

  /** Do nothing; {@code result} tells the model why. */
  record Refuse(String result) implements ToolDecision {}
}
