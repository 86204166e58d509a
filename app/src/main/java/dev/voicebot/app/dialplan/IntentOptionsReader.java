package dev.voicebot.app.dialplan;

import dev.voicebot.pipeline.dialplan.Intent;
import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads an intent's {@code by-day} replies and its {@code action}, each mistake at its place. */
final class IntentOptionsReader {

  private final YamlReader yaml;
  private final SlotReader slots;

  IntentOptionsReader(YamlReader yaml, SlotReader slots) {
    this.yaml = yaml;
    this.slots = slots;
  }

  /** Day name (monday..sunday) to the reply for a caller who names that day. */
  Map<DayOfWeek, String> byDay(Node node, String what) {
    String where = what + " by-day";
    if (!(node instanceof MappingNode map)) {
      throw yaml.error(node, where + " must map day names to replies, e.g. sunday: We are closed on Sundays.");
    }
    var replies = new EnumMap<DayOfWeek, String>(DayOfWeek.class);
    for (NodeTuple tuple : map.getValue()) {
      String name = yaml.text(tuple.getKeyNode(), where + " day");
      DayOfWeek day;
      try {
        day = DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw yaml.error(tuple.getKeyNode(), where + ": '" + name + "' is not a day (monday, tuesday, wednesday,"
            + " thursday, friday, saturday, sunday)");
      }
      String reply = yaml.text(tuple.getValueNode(), where + "." + name);
      slots.checkVariables(tuple.getValueNode(), where + "." + name, Set.of());
      if (replies.putIfAbsent(day, reply) != null) {
        throw yaml.error(tuple.getKeyNode(), where + ": " + name + " is listed twice");
      }
    }
    return replies;
  }

  /** @param entries the intent's keys: an action other than say stands alone */
  Intent.Action action(Node node, String what, Map<String, Node> entries) {
    String value = yaml.text(node, what + " action");
    Intent.Action action = switch (value) {
      case "say" -> Intent.Action.SAY;
      case "repeat" -> Intent.Action.REPEAT;
      case "start-over" -> Intent.Action.START_OVER;
      default -> throw yaml.error(node, what + " action must be 'say', 'repeat' (the bot's last reply again) or"
          + " 'start-over' (forget what the call collected), not '" + value + "'");
    };
    if (action != Intent.Action.SAY) {
      for (String clash : new String[] {"collect", "lookup", "by-day"}) {
        if (entries.containsKey(clash)) {
          throw yaml.error(entries.get(clash), what + " has action " + value + ", which cannot have " + clash + " too");
        }
      }
      if (entries.containsKey("then") && !yaml.text(entries.get("then"), what + " then").equals("continue")) {
        throw yaml.error(entries.get("then"), what + " has action " + value + ": the call continues after it");
      }
    }
    return action;
  }
}
