package dev.voicebot.app.dialplan;

import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Lookup;
import dev.voicebot.pipeline.dialplan.SlotType;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads an intent's slot ({@code collect}) and its HTTP {@code lookup}, and checks that every
 * {@code {variable}} a prompt or URL uses is set by then: a typo in a variable would otherwise be
 * read to callers as nothing.
 */
final class SlotReader {

  static final Set<String> COLLECT_KEYS = keys(
      "prompt", "type", "digits", "terminator", "confirmation", "retry", "slot", "confirm", "refused", "hints");
  private static final Set<String> CASE_KEYS = keys("when", "say");
  static final Set<String> LOOKUP_KEYS = keys(
      "url", "method", "timeout", "fields", "filler", "filler-delay", "found", "not-found", "fallback");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
  /** The most digits a 'number' slot takes (keyed, it usually ends at the terminator first). */
  private static final int MAX_NUMBER_DIGITS = 32;
  /** The caller never hears silence: quiet for this long, the bot says the filler. */
  private static final Duration DEFAULT_FILLER_DELAY = Duration.ofMillis(700);

  private final YamlReader yaml;

  SlotReader(YamlReader yaml) {
    this.yaml = yaml;
  }

  /** @param withLookup whether the intent has a lookup, which then says what the confirmation would */
  DigitCollection collect(Node node, String what, boolean withLookup) {
    String where = what + " collect";
    var entries = yaml.mapping(node, where, COLLECT_KEYS);
    SlotType type = Optional.ofNullable(entries.get("type")).map(n -> type(n, where)).orElse(SlotType.DIGITS);
    checkKeysFor(type, entries, where);
    // Only digits have a name of their own ({digits}, from before slots were named).
    String slot = type.digits()
        ? yaml.optionalText(entries, "slot", where).orElse(DigitCollection.DEFAULT_SLOT)
        : yaml.requiredText(entries, node, "slot", where);
    if (!NAME.matcher(slot).matches()) {
      throw yaml.error(entries.get("slot"), where + ".slot must be a name of letters, digits, - and _ that starts"
          + " with a letter, not '" + slot + "'");
    }
    Set<String> known = type.digits() ? slotVariables(slot) : Set.of(slot);
    String confirmation;
    if (withLookup) {
      if (entries.containsKey("confirmation")) {
        throw yaml.error(entries.get("confirmation"), where + ".confirmation is not said when the intent has a"
            + " lookup: its found, not-found and fallback are");
      }
      confirmation = "";
    } else {
      confirmation = yaml.requiredText(entries, node, "confirmation", where);
      boolean readsDigits = type.digits() && confirmation.contains("{digits}");
      if (!confirmation.contains("{" + slot + "}") && !readsDigits) {
        throw yaml.error(entries.get("confirmation"), where + ".confirmation must contain {" + slot
            + "} so the caller hears what was understood");
      }
      checkVariables(entries.get("confirmation"), where + ".confirmation", known);
    }
    String retry = yaml.optionalText(entries, "retry", where)
        .orElse("Sorry, I did not get the digits. Please say them again, or key them in.");
    Optional<String> confirm = yaml.optionalText(entries, "confirm", where);
    if (confirm.isPresent()) {
      if (!confirm.get().contains("{" + slot + "}")) {
        throw yaml.error(entries.get("confirm"), where + ".confirm must contain {" + slot
            + "}: it asks the caller whether the digits understood are right");
      }
      checkVariables(entries.get("confirm"), where + ".confirm", known);
    }
    if (entries.containsKey("refused") && confirm.isEmpty()) {
      throw yaml.error(entries.get("refused"), where + ".refused is said when the caller answers no to confirm,"
          + " but there is no confirm");
    }
    String refused = yaml.optionalText(entries, "refused", where).orElse(retry);
    checkVariables(node, entries, where, known, "prompt", "retry", "refused");
    int count = switch (type) {
      case DIGITS -> yaml.integer(yaml.required(entries, node, "digits", where), where + ".digits", 1, 32);
      case NUMBER -> MAX_NUMBER_DIGITS;
      case YES_NO, DAY, TEXT -> 1;
    };
    return new DigitCollection(
        yaml.requiredText(entries, node, "prompt", where),
        count,
        Optional.ofNullable(entries.get("terminator")).map(n -> DialplanLoader.dtmfKey(yaml, n, where + ".terminator"))
            .orElse('#'),
        confirmation, retry, slot, confirm, refused, type,
        Optional.ofNullable(entries.get("hints")).map(n -> hints(n, where + ".hints")).orElse(List.of()));
  }

  /** Phrases for the recognizer's grammar: words only, as the recognizer writes them. */
  private List<String> hints(Node node, String what) {
    List<String> hints = yaml.texts(node, what);
    if (hints.isEmpty()) {
      throw yaml.error(node, what + " must list at least one phrase (or be left out)");
    }
    List<Node> items = yaml.sequence(node, what);
    for (int i = 0; i < hints.size(); i++) {
      if (!hints.get(i).matches("[\\p{L}' ]+")) {
        throw yaml.error(items.get(i), what + ": '" + hints.get(i) + "' must be words only (letters, spaces and '),"
            + " as the recognizer hears them: 'twenty three', not '23'");
      }
    }
    return hints;
  }

  private SlotType type(Node node, String where) {
    String value = yaml.text(node, where + ".type");
    return switch (value) {
      case "digits" -> SlotType.DIGITS;
      case "number" -> SlotType.NUMBER;
      case "yes-no" -> SlotType.YES_NO;
      case "day" -> SlotType.DAY;
      case "text" -> SlotType.TEXT;
      default -> throw yaml.error(node, where + ".type must be digits, number, yes-no, day or text, not '" + value + "'");
    };
  }

  /** Digit counts, terminators and read-back questions belong to digit slots only. */
  private void checkKeysFor(SlotType type, Map<String, Node> entries, String where) {
    if (type != SlotType.DIGITS && entries.containsKey("digits")) {
      throw yaml.error(entries.get("digits"), where + ".digits counts the digits of a 'digits' slot, not of a '"
          + yaml.text(entries.get("type"), where + ".type") + "' one");
    }
    if (!type.digits()) {
      for (String key : List.of("terminator", "confirm", "refused")) {
        if (entries.containsKey(key)) {
          throw yaml.error(entries.get(key), where + "." + key + " applies to digits and number slots only");
        }
      }
    }
  }

  /** @param slot the variable the intent's collect fills, which the request may use */
  Lookup lookup(Node node, String what, String slot) {
    String where = what + " lookup";
    var entries = yaml.mapping(node, where, LOOKUP_KEYS);
    Set<String> before = slotVariables(slot);
    Node urlNode = yaml.required(entries, node, "url", where);
    String url = url(urlNode, where + ".url");
    checkVariables(urlNode, where + ".url", before);
    Lookup.Method method = Optional.ofNullable(entries.get("method")).map(n -> method(n, where)).orElse(Lookup.Method.GET);
    Duration timeout = Optional.ofNullable(entries.get("timeout")).map(n -> yaml.duration(n, where + ".timeout"))
        .orElse(DEFAULT_TIMEOUT);
    Map<String, String> fields = Optional.ofNullable(entries.get("fields")).map(n -> fields(n, where, before))
        .orElse(Map.of());
    Set<String> after = new LinkedHashSet<>(before);
    after.addAll(fields.keySet());
    checkVariables(node, entries, where, before, "filler", "not-found", "fallback");
    Node foundNode = yaml.required(entries, node, "found", where);
    List<Lookup.Case> cases = new ArrayList<>();
    String found = found(foundNode, where + ".found", after, cases);
    return new Lookup(url, method, timeout, fields,
        yaml.optionalText(entries, "filler", where).orElse("One moment while I check."),
        Optional.ofNullable(entries.get("filler-delay")).map(n -> yaml.duration(n, where + ".filler-delay"))
            .orElse(DEFAULT_FILLER_DELAY),
        found,
        yaml.requiredText(entries, node, "not-found", where),
        yaml.requiredText(entries, node, "fallback", where),
        cases);
  }

  /**
   * {@code found}: a text, or a list of {@code when: {variable: value}, say: text} cases that ends
   * with one {@code say} without {@code when} (what every other answer gets); the cases go into
   * {@code cases}, the last text is returned.
   */
  private String found(Node node, String what, Set<String> known, List<Lookup.Case> cases) {
    if (!(node instanceof SequenceNode)) {
      checkVariables(node, what, known);
      return yaml.text(node, what);
    }
    List<Node> items = yaml.sequence(node, what);
    if (items.isEmpty()) {
      throw yaml.error(node, what + " must list at least its last case, a say without when");
    }
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String where = what + "[" + (i + 1) + "]";
      var entries = yaml.mapping(item, where, CASE_KEYS);
      Node say = yaml.required(entries, item, "say", where);
      checkVariables(say, where + ".say", known);
      boolean last = i == items.size() - 1;
      if (last) {
        if (entries.containsKey("when")) {
          throw yaml.error(entries.get("when"), where + " is the last case: it says what every other answer gets,"
              + " so it has no when");
        }
        return yaml.text(say, where + ".say");
      }
      Node when = yaml.required(entries, item, "when", where);
      cases.add(new Lookup.Case(condition(when, where + ".when", known), yaml.text(say, where + ".say")));
    }
    throw new IllegalStateException("unreachable: the last case returns");
  }

  /** variable: value pairs, each variable one set by then. */
  private Map<String, String> condition(Node node, String what, Set<String> known) {
    if (!(node instanceof MappingNode map) || map.getValue().isEmpty()) {
      throw yaml.error(node, what + " must map variables to the values they must hold, e.g. status: delivered");
    }
    var condition = new LinkedHashMap<String, String>();
    for (NodeTuple tuple : map.getValue()) {
      String variable = yaml.text(tuple.getKeyNode(), what + " variable");
      if (!known.contains(variable)) {
        throw yaml.error(tuple.getKeyNode(), what + " tests '" + variable + "', which is not set there (known: "
            + String.join(", ", known) + ")");
      }
      condition.put(variable, yaml.text(tuple.getValueNode(), what + "." + variable));
    }
    return condition;
  }

  private String url(Node node, String what) {
    String value = yaml.text(node, what);
    if (value.startsWith("/")) {
      return value; // the bot's own HTTP server
    }
    try {
      // Placeholders are not URL characters; checked with a stand-in value.
      URI uri = new URI(PLACEHOLDER.matcher(value).replaceAll("x"));
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
        throw yaml.error(node, what + " must be an http:// or https:// URL, or a path on the bot's own server"
            + " starting with /, not '" + value + "'");
      }
      return value;
    } catch (URISyntaxException e) {
      throw yaml.error(node, what + " is not a URL: " + e.getReason());
    }
  }

  private Lookup.Method method(Node node, String where) {
    String value = yaml.text(node, where + ".method");
    return switch (value.toUpperCase(java.util.Locale.ROOT)) {
      case "GET" -> Lookup.Method.GET;
      case "POST" -> Lookup.Method.POST;
      default -> throw yaml.error(node, where + ".method must be GET (the URL carries the slots) or POST (they go"
          + " as a JSON object), not '" + value + "'");
    };
  }

  /** Variable name to the JSON field it takes its value from. */
  private Map<String, String> fields(Node node, String where, Set<String> taken) {
    if (!(node instanceof MappingNode map)) {
      throw yaml.error(node, where + ".fields must map variable names to fields of the JSON answer, e.g. status: status");
    }
    var fields = new LinkedHashMap<String, String>();
    for (NodeTuple tuple : map.getValue()) {
      String variable = yaml.text(tuple.getKeyNode(), where + ".fields name");
      if (!NAME.matcher(variable).matches()) {
        throw yaml.error(tuple.getKeyNode(), where + ".fields: '" + variable + "' is not a variable name (letters,"
            + " digits, - and _, starting with a letter)");
      }
      if (taken.contains(variable)) {
        throw yaml.error(tuple.getKeyNode(), where + ".fields: '" + variable + "' is already the collected slot");
      }
      String field = yaml.text(tuple.getValueNode(), where + ".fields." + variable);
      if (!FIELD.matcher(field).matches()) {
        throw yaml.error(tuple.getValueNode(), where + ".fields." + variable + " must name a field of the answer,"
            + " dotted for nested ones (order.status), not '" + field + "'");
      }
      if (fields.putIfAbsent(variable, field) != null) {
        throw yaml.error(tuple.getKeyNode(), where + ".fields: '" + variable + "' is listed twice");
      }
    }
    return fields;
  }

  private void checkVariables(Node parent, Map<String, Node> entries, String where, Set<String> known, String... keys) {
    for (String key : keys) {
      if (entries.containsKey(key)) {
        checkVariables(entries.get(key), where + "." + key, known);
      }
    }
  }

  /** Every {@code {name}} in the text is a variable set by then. */
  void checkVariables(Node node, String what, Set<String> known) {
    Matcher m = PLACEHOLDER.matcher(yaml.text(node, what));
    while (m.find()) {
      String name = m.group(1);
      if (!known.contains(name)) {
        throw yaml.error(node, what + " uses {" + name + "}, which is not set there (known: "
            + String.join(", ", known.stream().map(k -> "{" + k + "}").toList()) + ")");
      }
    }
  }

  /** What a filled slot sets: its own name, and {digits} as before slots had names. */
  private static Set<String> slotVariables(String slot) {
    return keys(slot, DigitCollection.DEFAULT_SLOT);
  }

  private static Set<String> keys(String... keys) {
    return new LinkedHashSet<>(List.of(keys));
  }
}
