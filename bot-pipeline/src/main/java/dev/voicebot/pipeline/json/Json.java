package dev.voicebot.pipeline.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON value: an immutable tree, parsed by {@link #parse} and written by {@link #toJson}.
 *
 * <p>Navigation never throws: {@link #get} and {@link #at} on anything that is not an object or
 * array (or a missing member) give {@link Null#NULL}, so reading optional fields of provider
 * responses is one expression ({@code chunk.get("choices").at(0).get("delta").get("content")}).
 */
public sealed interface Json {

  /** Members in their original order. */
  record Obj(Map<String, Json> members) implements Json {
    public Obj {
      members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }
  }

  record Arr(List<Json> items) implements Json {
    public Arr {
      items = List.copyOf(items);
    }
  }

  record Str(String value) implements Json {
    public Str {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A number kept as its literal, so large integers and decimals round-trip exactly. */
  record Num(String literal) implements Json {
    public Num {
      Objects.requireNonNull(literal, "literal");
      if (!JsonParser.isNumber(literal)) {
        throw new IllegalArgumentException("not a JSON number: " + literal);
      }
    }

    public double doubleValue() {
      return Double.parseDouble(literal);
    }
  }

  record Bool(boolean value) implements Json {}

  /** JSON null, and what navigation returns for anything missing. */
  enum Null implements Json {
    NULL
  }

  /**
   * Parses one JSON value (surrounding white space allowed).
   *
   * @throws IllegalArgumentException if the text is not well-formed JSON; the message quotes the
   *     start of the text
   */
  static Json parse(String text) {
    return new JsonParser(text).document();
  }

  /**
   * Converts plain Java values (as a YAML or config loader produces them) into JSON: maps with
   * string keys, lists, strings, numbers, booleans, null, or {@code Json} values.
   */
  public static Json from(Object value) {
    return switch (value) {
      case null -> Null.NULL;
      case Json json -> json;
      case String s -> new Str(s);
      case Boolean b -> new Bool(b);
      case Number n -> new Num(n.toString());
      case Map<?, ?> map -> {
        Map<String, Json> members = new LinkedHashMap<>();
        map.forEach((k, v) -> members.put(String.valueOf(k), from(v)));
        yield new Obj(members);
      }
      case List<?> list -> {
        List<Json> items = new ArrayList<>();
        list.forEach(v -> items.add(from(v)));
        yield new Arr(items);
      }
      default -> throw new IllegalArgumentException("cannot convert " + value.getClass().getName() + " to JSON");
    };
  }

  /** An object from alternating keys and values ({@link #from} converts the values). */
  static Obj object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must alternate");
    }
    Map<String, Json> members = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      members.put((String) keysAndValues[i], from(keysAndValues[i + 1]));
    }
    return new Obj(members);
  }

  /** The member {@code name} of an object; {@link Null#NULL} if absent or this is no object. */
  default Json get(String name) {
    return this instanceof Obj obj ? obj.members().getOrDefault(name, Null.NULL) : Null.NULL;
  }

  /** The item at {@code index} of an array; {@link Null#NULL} if out of range or this is no array. */
  default Json at(int index) {
    return this instanceof Arr arr && index >= 0 && index < arr.items().size() ? arr.items().get(index) : Null.NULL;
  }

  /** The items of an array; empty for anything else. */
  default List<Json> items() {
    return this instanceof Arr arr ? arr.items() : List.of();
  }

  /** The value if this is a string. */
  default Optional<String> string() {
    return this instanceof Str str ? Optional.of(str.value()) : Optional.empty();
  }

  default boolean isNull() {
    return this == Null.NULL;
  }

  /** Compact JSON text. */
  default String toJson() {
    StringBuilder out = new StringBuilder();
    write(out, this);
    return out.toString();
  }

  /** Appends {@code s} as a JSON string literal. */
  static void appendQuoted(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void write(StringBuilder out, Json value) {
    switch (value) {
      case Null n -> out.append("null");
      case Bool b -> out.append(b.value());
      case Num n -> out.append(n.literal());
      case Str s -> appendQuoted(out, s.value());
      case Arr arr -> {
        out.append('[');
        for (int i = 0; i < arr.items().size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(out, arr.items().get(i));
        }
        out.append(']');
      }
      case Obj obj -> {
        out.append('{');
        boolean first = true;
        for (var member : obj.members().entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          appendQuoted(out, member.getKey());
          out.append(':');
          write(out, member.getValue());
        }
        out.append('}');
      }
    }
  }
}
