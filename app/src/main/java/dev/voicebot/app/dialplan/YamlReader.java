package dev.voicebot.app.dialplan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed access to a YAML node tree that reports every mistake at the node's own line and column.
 * Works on SnakeYAML's composed nodes (not on constructed Java objects) because only the nodes
 * still know where they came from.
 */
final class YamlReader {

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");

  private final Path file;

  YamlReader(Path file) {
    this.file = file;
  }

  DialplanException error(Node node, String problem) {
    var mark = node.getStartMark();
    return new DialplanException(file, mark.getLine() + 1, mark.getColumn() + 1, problem);
  }

  /** A mapping's entries by key, rejecting duplicate and unknown keys. */
  Map<String, Node> mapping(Node node, String what, Set<String> allowedKeys) {
    if (!(node instanceof MappingNode map)) {
      throw error(node, what + " must be a mapping of keys to values");
    }
    var entries = new LinkedHashMap<String, Node>();
    for (NodeTuple tuple : map.getValue()) {
      var keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode key)) {
        throw error(keyNode, "keys in " + what + " must be plain names");
      }
      if (!allowedKeys.contains(key.getValue())) {
        throw error(keyNode, "unknown key '" + key.getValue() + "' in " + what
            + " (expected one of: " + String.join(", ", allowedKeys) + ")");
      }
      if (entries.putIfAbsent(key.getValue(), tuple.getValueNode()) != null) {
        throw error(keyNode, "duplicate key '" + key.getValue() + "' in " + what);
      }
    }
    return entries;
  }

  Node required(Map<String, Node> entries, Node parent, String key, String what) {
    var node = entries.get(key);
    if (node == null) {
      throw error(parent, what + " is missing the required key '" + key + "'");
    }
    return node;
  }

  String text(Node node, String what) {
    if (!(node instanceof ScalarNode scalar)) {
      throw error(node, what + " must be text");
    }
    var value = scalar.getValue().strip();
    if (value.isEmpty()) {
      throw error(node, what + " must not be empty");
    }
    return value;
  }

  String requiredText(Map<String, Node> entries, Node parent, String key, String what) {
    return text(required(entries, parent, key, what), what + "." + key);
  }

  Optional<String> optionalText(Map<String, Node> entries, String key, String what) {
    return Optional.ofNullable(entries.get(key)).map(node -> text(node, what + "." + key));
  }

  int integer(Node node, String what, int min, int max) {
    var value = text(node, what);
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw error(node, what + " must be between " + min + " and " + max + ", not " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw error(node, what + " must be a whole number, not '" + value + "'");
    }
  }

  /** true or false, nothing else: YAML 1.1's yes/no/on/off are too easy to write by mistake. */
  boolean bool(Node node, String what) {
    var value = text(node, what);
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(node, what + " must be true or false, not '" + value + "'");
    };
  }

  Duration duration(Node node, String what) {
    var value = text(node, what);
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw error(node, what + " must be a duration such as 500ms, 10s or 2m, not '" + value + "'");
    }
    double amount = Double.parseDouble(m.group(1));
    long millis = switch (m.group(2)) {
      case "ms" -> Math.round(amount);
      case "s" -> Math.round(amount * 1000);
      default -> Math.round(amount * 60_000);
    };
    if (millis <= 0) {
      throw error(node, what + " must be longer than zero");
    }
    return Duration.ofMillis(millis);
  }

  List<Node> sequence(Node node, String what) {
    if (!(node instanceof SequenceNode seq)) {
      throw error(node, what + " must be a list");
    }
    return new ArrayList<>(seq.getValue());
  }

  List<String> texts(Node node, String what) {
    var out = new ArrayList<String>();
    for (Node item : sequence(node, what)) {
      out.add(text(item, "each entry of " + what));
    }
    return out;
  }
}
