package dev.voicebot.pipeline.llm;

import dev.voicebot.pipeline.dialplan.WebhookTool;
import dev.voicebot.pipeline.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tools a dialplan offers the model, and the rules for what a call of each may do.
 *
 * <p>The model is untrusted input (the caller can talk it into anything), so every call is
 * checked here, not in the prompt: {@code transfer_call} reaches only the dialplan's allowlisted
 * names and their URIs come from the dialplan, never from the arguments, so a number or URI the
 * caller dictated cannot be dialed; DTMF digits are limited to {@code 0-9*#}; webhook arguments
 * must be a JSON object. Refusals go back to the model as tool results so it can tell the caller.
 */
final class CallTools {

  static final String TRANSFER = "transfer_call";
  static final String END = "end_call";
  static final String DTMF = "send_dtmf";
  private static final Pattern DIGITS = Pattern.compile("[0-9*#]{1,32}");

  private final Map<String, String> transferTargets;
  private final Map<String, WebhookTool> webhooks = new LinkedHashMap<>();
  private final List<ToolSpec> specs = new ArrayList<>();

  CallTools(Map<String, String> transferTargets, List<WebhookTool> webhookTools) {
    this.transferTargets = Collections.unmodifiableMap(new LinkedHashMap<>(transferTargets));
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

  List<ToolSpec> specs() {
    return List.copyOf(specs);
  }

  ToolDecision decide(ToolCall call) {
    Json arguments;
    try {
      arguments = Json.parse(call.arguments());
    } catch (IllegalArgumentException e) {
      return new ToolDecision.Refuse("Refused: the arguments of " + call.name() + " were not valid JSON.");
    }
    if (!(arguments instanceof Json.Obj)) {
      return new ToolDecision.Refuse("Refused: the arguments of " + call.name() + " must be a JSON object.");
    }
    return switch (call.name()) {
      case TRANSFER -> transfer(arguments.get("target").string().orElse(""));
      case END -> new ToolDecision.Act(new CallEffect.EndCall(arguments.get("reason").string().orElse("")),
          "The call will end once your last words have been played.");
      case DTMF -> {
        String digits = arguments.get("digits").string().orElse("").replaceAll("[\\s-]", "");
        yield DIGITS.matcher(digits).matches()
            ? new ToolDecision.Act(new CallEffect.SendDtmf(digits), "The digits " + digits + " will be sent once your words have been played.")
            : new ToolDecision.Refuse("Refused: digits must be 1 to 32 of 0-9, * and #.");
      }
      default -> {
        WebhookTool tool = webhooks.get(call.name());
        yield tool != null
            ? new ToolDecision.CallWebhook(tool, arguments.toJson())
            : new ToolDecision.Refuse("Refused: there is no tool named " + call.name() + ".");
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
      return new ToolDecision.Refuse("Refused: \"" + Truncate.to(60, requested) + "\" is not a transfer target and"
          + " the call was not transferred. The only possible targets are: " + String.join(", ", transferTargets.keySet())
          + ". Numbers or addresses given by the caller can never be dialed.");
    }
    return new ToolDecision.Act(new CallEffect.Transfer(target.get(), transferTargets.get(target.get())),
        "The caller will be transferred to " + target.get() + " once your words have been played.");
  }
}
