package dev.voicebot.pipeline.tools;

import dev.voicebot.pipeline.dialplan.WebhookTool;
import dev.voicebot.pipeline.json.Json;
import dev.voicebot.pipeline.text.Truncate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tools a dialplan offers a model (the LLM brain's or the realtime session's), and the rules
 * for what a call of each may do.
 *
 * <p>The model is untrusted input (the caller can talk it into anything), so every call is
 * checked here, not in the prompt: {@code transfer_call} reaches only the dialplan's allowlisted
 * names and their URIs come from the dialplan, never from the arguments, so a number or URI the
 * caller dictated cannot be dialed; DTMF digits are limited to {@code 0-9*#}; webhook arguments
 * must be a JSON object. Refusals go back to the model as tool results so it can tell the caller.
 */
public final class CallTools {

  public static final String TRANSFER = "transfer_call";
  public static final String END = "end_call";
  public static final String DTMF = "send_dtmf";
  private static final Pattern DIGITS = Pattern.compile("[0-9*#]{1,32}");
  private static final int MAX_QUOTED_CHARS = 60;

  /** When the model reads the result of a call that acts, which decides the tense of its wording. */
  public enum Reported {
    /** The result goes back at once and the effect runs after the announcement is played. */
    BEFORE_IT_RUNS,
    /** The result goes back once the effect has run. */
    AFTER_IT_RAN
  }

  private final Map<String, String> transferTargets;
  private final Map<String, WebhookTool> webhooks = new LinkedHashMap<>();
  private final List<ToolSpec> specs = new ArrayList<>();
  private final Reported reported;

  public CallTools(Map<String, String> transferTargets, List<WebhookTool> webhookTools, Reported reported) {
    this.transferTargets = Collections.unmodifiableMap(new LinkedHashMap<>(transferTargets));
    this.reported = reported;
    if (!transferTargets.isEmpty()) {
      specs.add(new ToolSpec(TRANSFER,
          "Transfer the caller to a person or department. Only these targets exist: "
              + String.join(", ", transferTargets.keySet()) + ". Say that you are transferring them first.",
          Json.object("type", "object",
              "properties", Json.object("target", Json.object("type", "string",
                  "enum", List.copyOf(transferTargets.keySet()), "description", "where to transfer the caller")),
              "required", List.of("target"))));
    }
    specs.add(new ToolSpec(END, "End the call, after saying goodbye, once the caller is done.",
        Json.object("type", "object",
            "properties", Json.object("reason", Json.object("type", "string", "description", "why the call ends")),
            "required", List.of())));
    specs.add(new ToolSpec(DTMF, "Send touch-tone digits (0-9, * and #) on the line, e.g. to navigate a phone menu.",
        Json.object("type", "object",
            "properties", Json.object("digits", Json.object("type", "string", "pattern", "^[0-9*#]+$")),
            "required", List.of("digits"))));
    for (WebhookTool tool : webhookTools) {
      webhooks.put(tool.name(), tool);
      specs.add(new ToolSpec(tool.name(), tool.description(), tool.parameters()));
    }
  }

  public List<ToolSpec> specs() {
    return List.copyOf(specs);
  }

  /** Decides a call of tool {@code name} with the arguments as the model wrote them (blank means none). */
  public ToolDecision decide(String name, String argumentsText) {
    Json arguments;
    try {
      arguments = Json.parse(argumentsText.isBlank() ? "{}" : argumentsText);
    } catch (IllegalArgumentException e) {
      return new ToolDecision.Refuse("Refused: the arguments of " + quoted(name) + " were not valid JSON.");
    }
    if (!(arguments instanceof Json.Obj)) {
      return new ToolDecision.Refuse("Refused: the arguments of " + quoted(name) + " must be a JSON object.");
    }
    return switch (name) {
      case TRANSFER -> transfer(arguments.get("target").string().orElse(""));
      case END -> new ToolDecision.Act(new CallEffect.EndCall(arguments.get("reason").string().orElse("")),
          "The call will end once your last words have been played.");
      case DTMF -> {
        String digits = arguments.get("digits").string().orElse("").replaceAll("[\\s-]", "");
        yield DIGITS.matcher(digits).matches()
            ? new ToolDecision.Act(new CallEffect.SendDtmf(digits), switch (reported) {
              case BEFORE_IT_RUNS -> "The digits " + digits + " will be sent once your words have been played.";
              case AFTER_IT_RAN -> "The digits " + digits + " were sent.";
            })
            : new ToolDecision.Refuse("Refused: digits must be 1 to 32 of 0-9, * and #.");
      }
      default -> {
        WebhookTool tool = webhooks.get(name);
        yield tool != null
            ? new ToolDecision.CallWebhook(tool, arguments.toJson())
            : new ToolDecision.Refuse("Refused: there is no tool named " + quoted(name) + ".");
      }
    };
  }

  private ToolDecision transfer(String requested) {
    if (transferTargets.isEmpty()) {
      return new ToolDecision.Refuse("Refused: calls cannot be transferred on this line. The call was not transferred.");
    }
    Optional<String> target = transferTargets.keySet().stream()
        .filter(name -> name.equalsIgnoreCase(requested.strip()))
        .findFirst();
    if (target.isEmpty()) {
      return new ToolDecision.Refuse("Refused: \"" + quoted(requested) + "\" is not a transfer target and"
          + " the call was not transferred. The only possible targets are: " + String.join(", ", transferTargets.keySet())
          + ". Numbers or addresses given by the caller can never be dialed.");
    }
    return new ToolDecision.Act(new CallEffect.Transfer(target.get(), transferTargets.get(target.get())),
        switch (reported) {
          case BEFORE_IT_RUNS -> "The caller will be transferred to " + target.get() + " once your words have been played.";
          case AFTER_IT_RAN -> "The caller is being transferred to " + target.get() + ".";
        });
  }

  /** Model-written text quoted back to it stays short. */
  private static String quoted(String text) {
    return Truncate.to(MAX_QUOTED_CHARS, text);
  }
}
