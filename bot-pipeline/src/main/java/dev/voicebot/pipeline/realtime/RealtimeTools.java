package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tools offered to the realtime model and the rules for what a call of each may do: the same
 * three built-ins, with the same rules and wording, as the LLM brain's tools ({@code
 * llm.CallTools} on the llm branch; fold the two into one once both are merged).
 *
 * <p>The model is untrusted input (the caller can talk it into anything), so every call is
 * checked here, not in the prompt: {@code transfer_call} reaches only the dialplan's allowlisted
 * names, and the URI always comes from the dialplan, never from the arguments; DTMF digits are
 * limited to {@code 0-9*#}. Refusals go back to the model as the function's output so it can tell
 * the caller.
 */
final class RealtimeTools {

  static final String TRANSFER = "transfer_call";
  static final String END = "end_call";
  static final String DTMF = "send_dtmf";
  private static final Pattern DIGITS = Pattern.compile("[0-9*#]{1,32}");

  /** What a tool call does to the phone call, once the words announcing it have been played. */
  sealed interface Effect {
    record Transfer(String target, String sipUri) implements Effect {}

    record EndCall(String reason) implements Effect {}

    record SendDtmf(String digits) implements Effect {}
  }

  sealed interface Decision {
    /** Carry out {@code effect}; {@code output} tells the model it happened. */
    record Act(Effect effect, String output) implements Decision {}

    /** Do nothing; {@code output} tells the model why. */
    record Refuse(String output) implements Decision {}
  }

  private final Map<String, String> transferTargets;
  private final List<Json> specs = new ArrayList<>();

  RealtimeTools(Map<String, String> transferTargets) {
    this.transferTargets = Collections.unmodifiableMap(new LinkedHashMap<>(transferTargets));
    if (!transferTargets.isEmpty()) {
      specs.add(spec(TRANSFER,
          "Transfer the caller to a person or department. Only these targets exist: "
              + String.join(", ", transferTargets.keySet()) + ". Say that you are transferring them first.",
          Json.object("type", "object",
              "properties", Json.object("target", Json.object("type", "string",
                  "enum", List.copyOf(transferTargets.keySet()), "description", "where to transfer the caller")),
              "required", List.of("target"))));
    }
    specs.add(spec(END, "End the call, after saying goodbye, once the caller is done.",
        Json.object("type", "object",
            "properties", Json.object("reason", Json.object("type", "string", "description", "why the call ends")),
            "required", List.of())));
    specs.add(spec(DTMF, "Send touch-tone digits (0-9, * and #) on the line, e.g. to navigate a phone menu.",
        Json.object("type", "object",
            "properties", Json.object("digits", Json.object("type", "string", "pattern", "^[0-9*#]+$")),
            "required", List.of("digits"))));
  }

  /** The session's {@code tools}: the Realtime API's flat function format. */
  List<Json> specs() {
    return List.copyOf(specs);
  }

  Decision decide(String name, String argumentsText) {
    Json arguments;
    try {
      arguments = Json.parse(argumentsText.isBlank() ? "{}" : argumentsText);
    } catch (IllegalArgumentException e) {
      return new Decision.Refuse("Refused: the arguments of " + name + " were not valid JSON.");
    }
    if (!(arguments instanceof Json.Obj)) {
      return new Decision.Refuse("Refused: the arguments of " + name + " must be a JSON object.");
    }
    return switch (name) {
      case TRANSFER -> transfer(arguments.get("target").string().orElse(""));
      case END -> new Decision.Act(new Effect.EndCall(arguments.get("reason").string().orElse("")),
          "The call will end once your last words have been played.");
      case DTMF -> {
        String digits = arguments.get("digits").string().orElse("").replaceAll("[\\s-]", "");
        yield DIGITS.matcher(digits).matches()
            ? new Decision.Act(new Effect.SendDtmf(digits), "The digits " + digits + " were sent.")
            : new Decision.Refuse("Refused: digits must be 1 to 32 of 0-9, * and #.");
      }
      default -> new Decision.Refuse("Refused: there is no tool named " + shorten(name) + ".");
    };
  }

  private Decision transfer(String requested) {
    if (transferTargets.isEmpty()) {
      return new Decision.Refuse("Refused: calls cannot be transferred on this line. The call was not transferred.");
    }
    Optional<String> target = transferTargets.keySet().stream()
        .filter(name -> name.equalsIgnoreCase(requested.strip()))
        .findFirst();
    if (target.isEmpty()) {
      return new Decision.Refuse("Refused: \"" + shorten(requested) + "\" is not a transfer target and"
          + " the call was not transferred. The only possible targets are: " + String.join(", ", transferTargets.keySet())
          + ". Numbers or addresses given by the caller can never be dialed.");
    }
    return new Decision.Act(new Effect.Transfer(target.get(), transferTargets.get(target.get())),
        "The caller is being transferred to " + target.get() + ".");
  }

  private static Json spec(String name, String description, Json parameters) {
    return Json.object("type", "function", "name", name, "description", description, "parameters", parameters);
  }

  /** Model-written text quoted back to it or into logs stays short. */
  static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }
}
