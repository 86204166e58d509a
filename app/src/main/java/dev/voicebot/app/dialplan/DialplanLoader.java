package dev.voicebot.app.dialplan;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.dialplan.LlmSettings;
import dev.voicebot.pipeline.dialplan.Lookup;
import dev.voicebot.pipeline.dialplan.WebhookTool;
import dev.voicebot.pipeline.json.Json;
import dev.voicebot.pipeline.realtime.RealtimeSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads one dialplan YAML file into a validated {@link Dialplan}. */
public final class DialplanLoader {

  private static final Set<String> TOP_KEYS = keys(
      "name", "numbers", "answer-after", "greeting", "reprompt", "goodbye", "apology", "max-misses", "silence",
      "intents", "transfer-targets", "llm", "realtime", "backchannels", "match-threshold", "recording",
      "end-call");
  private static final Set<String> REALTIME_KEYS = keys("url", "model", "api-key-env", "instructions", "voice");
  private static final Set<String> SILENCE_KEYS = keys("timeout", "prompt", "max-prompts");
  private static final Set<String> END_CALL_KEYS = keys("question", "declined");
  private static final Set<String> INTENT_KEYS = keys(
      "name", "phrases", "dtmf", "reply", "collect", "then", "transfer-to", "lookup", "by-day", "action");
  private static final Set<String> LLM_KEYS = keys(
      "base-url", "model", "api-key-env", "system-prompt", "temperature", "max-tokens",
      "history-token-budget", "timeouts", "filler", "filler-delay", "tools");
  private static final Set<String> LLM_TIMEOUT_KEYS = keys("connect", "first-token", "idle", "request");
  private static final Set<String> TOOL_KEYS = keys("name", "description", "url", "method", "timeout", "parameters");
  private static final String DTMF_KEYS = "0123456789*#ABCD";
  /** Below this nearly anything matches some intent; above it only the listed phrases do. */
  private static final double MIN_MATCH_THRESHOLD = 0.3;
  private static final double MAX_MATCH_THRESHOLD = 0.95;

  /** Parses and validates a file; any problem is a {@link DialplanException} with its position. */
  public LoadedDialplan load(Path file) {
    Node root = compose(file);
    var yaml = new YamlReader(file);
    var top = yaml.mapping(root, "the dialplan", TOP_KEYS);
    String name = yaml.optionalText(top, "name", "dialplan").orElse(stem(file));
    List<String> numbers = Optional.ofNullable(top.get("numbers"))
        .map(node -> yaml.texts(node, "numbers"))
        .orElse(List.of());
    String greeting = yaml.requiredText(top, root, "greeting", "the dialplan");
    String reprompt = yaml.requiredText(top, root, "reprompt", "the dialplan");
    String goodbye = yaml.requiredText(top, root, "goodbye", "the dialplan");
    String apology = yaml.optionalText(top, "apology", "dialplan")
        .orElse("Sorry, something went wrong on our side.");
    int maxMisses = Optional.ofNullable(top.get("max-misses"))
        .map(node -> yaml.integer(node, "max-misses", 1, 20))
        .orElse(3);
    var silence = silence(yaml, yaml.required(top, root, "silence", "the dialplan"));
    var intentsNode = yaml.required(top, root, "intents", "the dialplan");
    Map<String, String> transferTargets = Optional.ofNullable(top.get("transfer-targets"))
        .map(node -> transferTargets(yaml, node))
        .orElse(Map.of());
    var intents = yaml.sequence(intentsNode, "intents").stream()
        .map(node -> intent(yaml, node, transferTargets))
        .toList();
    if (intents.isEmpty()) {
      throw yaml.error(intentsNode, "intents must list at least one intent");
    }
    checkUnique(yaml, intentsNode, intents);
    Duration answerAfter = Optional.ofNullable(top.get("answer-after"))
        .map(node -> yaml.duration(node, "answer-after"))
        .orElse(Duration.ZERO);
    var dialplan = new Dialplan(name, numbers, greeting, reprompt, goodbye, apology, maxMisses,
        silence, intents).withTransferTargets(transferTargets);
    if (top.containsKey("backchannels")) {
      dialplan = dialplan.withBackchannels(yaml.texts(top.get("backchannels"), "backchannels"));
    }
    if (top.containsKey("match-threshold")) {
      dialplan = dialplan.withMatchThreshold(matchThreshold(yaml, top.get("match-threshold")));
    }
    if (top.containsKey("end-call")) {
      dialplan = dialplan.withEndCall(endCall(yaml, top.get("end-call")));
    }
    if (top.containsKey("llm")) {
      dialplan = dialplan.withLlm(llm(yaml, top.get("llm")));
    }
    Optional<RealtimeSettings> realtime = Optional.ofNullable(top.get("realtime")).map(node -> realtime(yaml, node));
    boolean recording = Optional.ofNullable(top.get("recording"))
        .map(node -> yaml.bool(node, "recording"))
        .orElse(false);
    return new LoadedDialplan(stem(file), file, dialplan, answerAfter, realtime, recording);
  }

  private static Node compose(Path file) {
    var options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Node root = new Yaml(options).compose(reader);
      if (root == null) {
        throw new DialplanException(file, 0, 0, "the file is empty");
      }
      return root;
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = "not valid YAML: " + e.getProblem();
      if (mark == null) {
        throw new DialplanException(file, 0, 0, problem);
      }
      throw new DialplanException(file, mark.getLine() + 1, mark.getColumn() + 1, problem);
    } catch (YAMLException e) {
      throw new DialplanException(file, 0, 0, "not valid YAML: " + e.getMessage());
    } catch (IOException e) {
      throw new DialplanException(file, 0, 0, "cannot be read: " + e.getMessage());
    }
  }

  private static Dialplan.SilencePolicy silence(YamlReader yaml, Node node) {
    var entries = yaml.mapping(node, "silence", SILENCE_KEYS);
    return new Dialplan.SilencePolicy(
        yaml.duration(yaml.required(entries, node, "timeout", "silence"), "silence.timeout"),
        yaml.requiredText(entries, node, "prompt", "silence"),
        Optional.ofNullable(entries.get("max-prompts"))
            .map(n -> yaml.integer(n, "silence.max-prompts", 0, 20))
            .orElse(2));
  }

  private static Dialplan.EndCallCheck endCall(YamlReader yaml, Node node) {
    var entries = yaml.mapping(node, "end-call", END_CALL_KEYS);
    var defaults = Dialplan.EndCallCheck.DEFAULT;
    return new Dialplan.EndCallCheck(
        yaml.optionalText(entries, "question", "end-call").orElse(defaults.question()),
        yaml.optionalText(entries, "declined", "end-call").orElse(defaults.declined()));
  }

  /** Name → SIP URI: the only places a transfer may go, whatever a caller or a model asks for. */
  private static Map<String, String> transferTargets(YamlReader yaml, Node node) {
    if (!(node instanceof MappingNode map)) {
      throw yaml.error(node, "transfer-targets must map names to SIP URIs, e.g. agent: sip:agent@pbx.example");
    }
    var targets = new LinkedHashMap<String, String>();
    for (NodeTuple tuple : map.getValue()) {
      String target = yaml.text(tuple.getKeyNode(), "a transfer target name");
      String uri = yaml.text(tuple.getValueNode(), "transfer target '" + target + "'");
      if (!uri.matches("(?i)(sips?|tel):[^\\s<>\"]+")) {
        throw yaml.error(tuple.getValueNode(), "transfer target '" + target + "' must be a sip:, sips: or tel: URI, not '" + uri + "'");
      }
      if (targets.putIfAbsent(target, uri) != null) {
        throw yaml.error(tuple.getKeyNode(), "transfer target '" + target + "' is listed twice");
      }
    }
    return targets;
  }

  private static LlmSettings llm(YamlReader yaml, Node node) {
    var entries = yaml.mapping(node, "llm", LLM_KEYS);
    URI baseUrl = uri(yaml, yaml.required(entries, node, "base-url", "llm"), "llm.base-url");
    var settings = LlmSettings.of(baseUrl, yaml.requiredText(entries, node, "model", "llm"),
        yaml.requiredText(entries, node, "system-prompt", "llm"));
    try {
      if (entries.containsKey("api-key-env")) {
        settings = settings.withApiKeyEnv(yaml.text(entries.get("api-key-env"), "llm.api-key-env"));
      }
      OptionalDouble temperature = entries.containsKey("temperature")
          ? OptionalDouble.of(decimal(yaml, entries.get("temperature"), "llm.temperature"))
          : OptionalDouble.empty();
      OptionalInt maxTokens = entries.containsKey("max-tokens")
          ? OptionalInt.of(yaml.integer(entries.get("max-tokens"), "llm.max-tokens", 1, 100_000))
          : OptionalInt.empty();
      settings = settings.withSampling(temperature, maxTokens);
      if (entries.containsKey("history-token-budget")) {
        settings = settings.withHistoryTokenBudget(
            yaml.integer(entries.get("history-token-budget"), "llm.history-token-budget", 100, 1_000_000));
      }
      if (entries.containsKey("timeouts")) {
        settings = settings.withTimeouts(timeouts(yaml, entries.get("timeouts")));
      }
      if (entries.containsKey("filler") || entries.containsKey("filler-delay")) {
        settings = settings.withFiller(
            entries.containsKey("filler-delay") ? yaml.duration(entries.get("filler-delay"), "llm.filler-delay") : settings.fillerDelay(),
            entries.containsKey("filler") ? yaml.text(entries.get("filler"), "llm.filler") : settings.filler());
      }
      if (entries.containsKey("tools")) {
        settings = settings.withTools(yaml.sequence(entries.get("tools"), "llm.tools").stream()
            .map(tool -> webhook(yaml, tool))
            .toList());
      }
      return settings;
    } catch (IllegalArgumentException e) {
      throw yaml.error(node, "llm: " + e.getMessage());
    }
  }

  /** An OpenAI-Realtime-compatible speech-to-speech model answers instead of the cascaded pipeline. */
  private static RealtimeSettings realtime(YamlReader yaml, Node node) {
    var entries = yaml.mapping(node, "realtime", REALTIME_KEYS);
    String url = yaml.requiredText(entries, node, "url", "realtime");
    if (!url.matches("(?i)wss?://\\S+")) {
      throw yaml.error(entries.get("url"), "realtime.url must be a ws:// or wss:// URL, not '" + url + "'");
    }
    try {
      var settings = RealtimeSettings.of(URI.create(url), yaml.requiredText(entries, node, "model", "realtime"),
          yaml.requiredText(entries, node, "instructions", "realtime"));
      if (entries.containsKey("api-key-env")) {
        settings = settings.withApiKeyEnv(yaml.text(entries.get("api-key-env"), "realtime.api-key-env"));
      }
      if (entries.containsKey("voice")) {
        settings = settings.withVoice(yaml.text(entries.get("voice"), "realtime.voice"));
      }
      return settings;
    } catch (IllegalArgumentException e) {
      throw yaml.error(node, "realtime: " + e.getMessage());
    }
  }

  private static LlmSettings.Timeouts timeouts(YamlReader yaml, Node node) {
    var entries = yaml.mapping(node, "llm.timeouts", LLM_TIMEOUT_KEYS);
    var defaults = LlmSettings.Timeouts.defaults();
    return new LlmSettings.Timeouts(
        entries.containsKey("connect") ? yaml.duration(entries.get("connect"), "llm.timeouts.connect") : defaults.connect(),
        entries.containsKey("first-token") ? yaml.duration(entries.get("first-token"), "llm.timeouts.first-token") : defaults.firstToken(),
        entries.containsKey("idle") ? yaml.duration(entries.get("idle"), "llm.timeouts.idle") : defaults.idle(),
        entries.containsKey("request") ? yaml.duration(entries.get("request"), "llm.timeouts.request") : defaults.request());
  }

  private static WebhookTool webhook(YamlReader yaml, Node node) {
    var entries = yaml.mapping(node, "an llm tool", TOOL_KEYS);
    String name = yaml.requiredText(entries, node, "name", "an llm tool");
    Object parameters = entries.containsKey("parameters")
        ? plain(entries.get("parameters"))
        : Map.of("type", "object", "properties", Map.of());
    try {
      return new WebhookTool(name, yaml.requiredText(entries, node, "description", "tool '" + name + "'"),
          Json.from(parameters), uri(yaml, yaml.required(entries, node, "url", "tool '" + name + "'"), "tool '" + name + "' url"),
          yaml.optionalText(entries, "method", "tool '" + name + "'").orElse("POST"),
          entries.containsKey("timeout") ? yaml.duration(entries.get("timeout"), "tool '" + name + "' timeout") : Duration.ofSeconds(3));
    } catch (IllegalArgumentException e) {
      throw yaml.error(node, "tool '" + name + "': " + e.getMessage());
    }
  }

  /** A YAML subtree as plain Java values (for a JSON schema written in YAML). */
  private static Object plain(Node node) {
    return switch (node) {
      case MappingNode map -> {
        var out = new LinkedHashMap<String, Object>();
        for (NodeTuple tuple : map.getValue()) {
          out.put(String.valueOf(plain(tuple.getKeyNode())), plain(tuple.getValueNode()));
        }
        yield out;
      }
      case SequenceNode seq -> seq.getValue().stream().map(DialplanLoader::plain).toList();
      case ScalarNode scalar when scalar.getTag().equals(Tag.INT) -> Long.parseLong(scalar.getValue());
      case ScalarNode scalar when scalar.getTag().equals(Tag.FLOAT) -> Double.parseDouble(scalar.getValue());
      case ScalarNode scalar when scalar.getTag().equals(Tag.BOOL) -> Boolean.parseBoolean(scalar.getValue());
      case ScalarNode scalar when scalar.getTag().equals(Tag.NULL) -> null;
      case ScalarNode scalar -> scalar.getValue();
      default -> node.toString();
    };
  }

  private static URI uri(YamlReader yaml, Node node, String what) {
    String value = yaml.text(node, what);
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || !uri.getScheme().matches("https?")) {
        throw yaml.error(node, what + " must be an http:// or https:// URL, not '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw yaml.error(node, what + " is not a URL: " + e.getReason());
    }
  }

  private static double matchThreshold(YamlReader yaml, Node node) {
    double threshold = decimal(yaml, node, "match-threshold");
    if (!(threshold >= MIN_MATCH_THRESHOLD && threshold <= MAX_MATCH_THRESHOLD)) {
      throw yaml.error(node, "match-threshold must be between " + MIN_MATCH_THRESHOLD + " (nearly anything matches)"
          + " and " + MAX_MATCH_THRESHOLD + " (only the listed phrases), not " + yaml.text(node, "match-threshold"));
    }
    return threshold;
  }

  private static double decimal(YamlReader yaml, Node node, String what) {
    String value = yaml.text(node, what);
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw yaml.error(node, what + " must be a number, not '" + value + "'");
    }
  }

  private static Intent intent(YamlReader yaml, Node node, Map<String, String> transferTargets) {
    var entries = yaml.mapping(node, "an intent", INTENT_KEYS);
    String name = yaml.requiredText(entries, node, "name", "an intent");
    String what = "intent '" + name + "'";
    List<String> phrases = Optional.ofNullable(entries.get("phrases"))
        .map(n -> yaml.texts(n, what + " phrases"))
        .orElse(List.of());
    Optional<Character> dtmf = Optional.ofNullable(entries.get("dtmf")).map(n -> dtmfKey(yaml, n, what + " dtmf"));
    if (phrases.isEmpty() && dtmf.isEmpty()) {
      throw yaml.error(node, what + " needs phrases or a dtmf key, or the caller can never reach it");
    }
    var slots = new SlotReader(yaml);
    if (entries.containsKey("lookup") && !entries.containsKey("collect")) {
      throw yaml.error(entries.get("lookup"), what + " has a lookup but no collect block to fill the slot it asks with");
    }
    Optional<DigitCollection> collect = Optional.ofNullable(entries.get("collect"))
        .map(n -> slots.collect(n, what, entries.containsKey("lookup")));
    Optional<Lookup> lookup = Optional.ofNullable(entries.get("lookup"))
        .map(n -> slots.lookup(n, what, collect.orElseThrow().slot()));
    String reply = Optional.ofNullable(entries.get("reply")).map(n -> yaml.text(n, what + " reply")).orElse("");
    if (reply.isEmpty() && collect.isEmpty()) {
      throw yaml.error(node, what + " needs a reply or a collect block, or the bot would say nothing");
    }
    Intent.Then then = Optional.ofNullable(entries.get("then")).map(n -> then(yaml, n, what)).orElse(Intent.Then.CONTINUE);
    Optional<String> transferTo = Optional.ofNullable(entries.get("transfer-to")).map(n -> yaml.text(n, what + " transfer-to"));
    if (then == Intent.Then.TRANSFER && transferTo.isEmpty()) {
      throw yaml.error(node, what + " says then: transfer but not where: add transfer-to with a name from transfer-targets");
    }
    if (transferTo.isPresent()) {
      if (then != Intent.Then.TRANSFER) {
        throw yaml.error(entries.get("transfer-to"), what + " has transfer-to but its then is not 'transfer'");
      }
      if (!transferTargets.containsKey(transferTo.get())) {
        throw yaml.error(entries.get("transfer-to"), what + " transfers to '" + transferTo.get()
            + "', which is not in transfer-targets (" + String.join(", ", transferTargets.keySet()) + ")");
      }
    }
    if (lookup.isPresent() && then == Intent.Then.TRANSFER) {
      throw yaml.error(entries.get("then"), what + " has a lookup, whose answer is what the bot says: it cannot transfer too");
    }
    if (entries.containsKey("reply")) {
      slots.checkVariables(entries.get("reply"), what + " reply", Set.of()); // said before any slot is filled
    }
    var options = new IntentOptionsReader(yaml, slots);
    Map<DayOfWeek, String> byDay = Optional.ofNullable(entries.get("by-day")).map(n -> options.byDay(n, what)).orElse(Map.of());
    Intent.Action action = Optional.ofNullable(entries.get("action")).map(n -> options.action(n, what, entries))
        .orElse(Intent.Action.SAY);
    return new Intent(name, phrases, dtmf, reply, collect, then, transferTo, lookup, byDay, action);
  }

  private static Intent.Then then(YamlReader yaml, Node node, String what) {
    String value = yaml.text(node, what + " then");
    return switch (value) {
      case "continue" -> Intent.Then.CONTINUE;
      case "hangup" -> Intent.Then.HANGUP;
      case "transfer" -> Intent.Then.TRANSFER;
      default -> throw yaml.error(node, what + " then must be 'continue', 'hangup' or 'transfer', not '" + value + "'");
    };
  }

  static char dtmfKey(YamlReader yaml, Node node, String what) {
    String value = yaml.text(node, what);
    if (value.length() != 1 || DTMF_KEYS.indexOf(Character.toUpperCase(value.charAt(0))) < 0) {
      throw yaml.error(node, what + " must be one key of 0-9, *, #, A-D, not '" + value + "'");
    }
    return Character.toUpperCase(value.charAt(0));
  }

  private static void checkUnique(YamlReader yaml, Node intentsNode, List<Intent> intents) {
    var names = new HashMap<String, Intent>();
    var keys = new HashMap<Character, String>();
    var nodes = yaml.sequence(intentsNode, "intents");
    for (int i = 0; i < intents.size(); i++) {
      Intent intent = intents.get(i);
      if (names.putIfAbsent(intent.name(), intent) != null) {
        throw yaml.error(nodes.get(i), "intent name '" + intent.name() + "' is used twice");
      }
      if (intent.dtmf().isPresent()) {
        String previous = keys.putIfAbsent(intent.dtmf().get(), intent.name());
        if (previous != null) {
          throw yaml.error(nodes.get(i), "dtmf key '" + intent.dtmf().get() + "' of intent '"
              + intent.name() + "' is already taken by intent '" + previous + "'");
        }
      }
    }
  }

  static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static Set<String> keys(String... keys) {
    return new LinkedHashSet<>(List.of(keys));
  }
}
