package dev.voicebot.app.dialplan;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Intent;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one dialplan YAML file into a validated {@link Dialplan}. */
public final class DialplanLoader {

  private static final Set<String> TOP_KEYS = keys(
      "name", "numbers", "answer-after", "greeting", "reprompt", "goodbye", "apology", "max-misses", "silence",
      "intents");
  private static final Set<String> SILENCE_KEYS = keys("timeout", "prompt", "max-prompts");
  private static final Set<String> INTENT_KEYS = keys(
      "name", "phrases", "dtmf", "reply", "collect", "then");
  private static final Set<String> COLLECT_KEYS = keys(
      "prompt", "digits", "terminator", "confirmation", "retry");
  private static final String DTMF_KEYS = "0123456789*#ABCD";

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
    var intents = yaml.sequence(intentsNode, "intents").stream()
        .map(node -> intent(yaml, node))
        .toList();
    if (intents.isEmpty()) {
      throw yaml.error(intentsNode, "intents must list at least one intent");
    }
    checkUnique(yaml, intentsNode, intents);
    Duration answerAfter = Optional.ofNullable(top.get("answer-after"))
        .map(node -> yaml.duration(node, "answer-after"))
        .orElse(Duration.ZERO);
    var dialplan = new Dialplan(name, numbers, greeting, reprompt, goodbye, apology, maxMisses,
        silence, intents);
    return new LoadedDialplan(stem(file), file, dialplan, answerAfter);
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

  private static Intent intent(YamlReader yaml, Node node) {
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
    Optional<DigitCollection> collect = Optional.ofNullable(entries.get("collect"))
        .map(n -> collect(yaml, n, what));
    String reply = Optional.ofNullable(entries.get("reply")).map(n -> yaml.text(n, what + " reply")).orElse("");
    if (reply.isEmpty() && collect.isEmpty()) {
      throw yaml.error(node, what + " needs a reply or a collect block, or the bot would say nothing");
    }
    Intent.Then then = Optional.ofNullable(entries.get("then")).map(n -> then(yaml, n, what)).orElse(Intent.Then.CONTINUE);
    return new Intent(name, phrases, dtmf, reply, collect, then);
  }

  private static DigitCollection collect(YamlReader yaml, Node node, String what) {
    String where = what + " collect";
    var entries = yaml.mapping(node, where, COLLECT_KEYS);
    String confirmation = yaml.requiredText(entries, node, "confirmation", where);
    if (!confirmation.contains("{digits}")) {
      throw yaml.error(entries.get("confirmation"),
          where + ".confirmation must contain {digits} so the caller hears what was understood");
    }
    return new DigitCollection(
        yaml.requiredText(entries, node, "prompt", where),
        yaml.integer(yaml.required(entries, node, "digits", where), where + ".digits", 1, 32),
        Optional.ofNullable(entries.get("terminator")).map(n -> dtmfKey(yaml, n, where + ".terminator")).orElse('#'),
        confirmation,
        yaml.optionalText(entries, "retry", where)
            .orElse("Sorry, I did not get the digits. Please say them again, or key them in."));
  }

  private static Intent.Then then(YamlReader yaml, Node node, String what) {
    String value = yaml.text(node, what + " then");
    return switch (value) {
      case "continue" -> Intent.Then.CONTINUE;
      case "hangup" -> Intent.Then.HANGUP;
      default -> throw yaml.error(node, what + " then must be 'continue' or 'hangup', not '" + value + "'");
    };
  }

  private static char dtmfKey(YamlReader yaml, Node node, String what) {
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
