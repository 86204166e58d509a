package dev.voicebot.app.records.db;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One table per value record of rtp-bridge (RtpStats, CallQuality, EchoReport), a column per
 * component named in snake case, keyed by the call: the mapping follows the record, so a component
 * added there fails the migration test at once instead of silently not being stored. NaN (not
 * measured) is stored as NULL, which both databases sort and aggregate sensibly.
 */
final class RecordColumns<R extends Record> {

  private final String table;
  private final RecordComponent[] components;
  private final Constructor<R> constructor;
  private final List<String> columns;

  RecordColumns(Class<R> type, String table) {
    this.table = table;
    this.components = type.getRecordComponents();
    try {
      this.constructor = type.getDeclaredConstructor(
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("a record always has its canonical constructor", e);
    }
    this.columns = Arrays.stream(components).map(c -> snake(c.getName())).toList();
  }

  String table() {
    return table;
  }

  String insertSql() {
    return "INSERT INTO " + table + " (call_id, " + String.join(", ", columns) + ") VALUES (?"
        + ", ?".repeat(columns.size()) + ")";
  }

  /** The call id then every component, in {@link #insertSql()}'s order. */
  List<Object> values(String callId, R value) {
    var out = new ArrayList<>(columns.size() + 1);
    out.add(callId);
    for (RecordComponent c : components) {
      Object v = get(c, value);
      out.add(v instanceof Double d && (d.isNaN() || d.isInfinite()) ? null : v);
    }
    return out;
  }

  /** SELECT of every column and the call id, for the calls in {@code ids} placeholders. */
  String selectSql(int ids) {
    return "SELECT call_id, " + String.join(", ", columns) + " FROM " + table + " WHERE call_id IN ("
        + placeholders(ids) + ")";
  }

  R read(ResultSet rs) throws SQLException {
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      String column = columns.get(i);
      Class<?> type = components[i].getType();
      if (type == long.class) {
        args[i] = rs.getLong(column);
      } else if (type == int.class) {
        args[i] = rs.getInt(column);
      } else if (type == double.class) {
        double d = rs.getDouble(column);
        args[i] = rs.wasNull() ? Double.NaN : d;
      } else if (type == boolean.class) {
        args[i] = rs.getBoolean(column);
      } else {
        throw new IllegalStateException(table + "." + column + ": no column type for " + type);
      }
    }
    try {
      return constructor.newInstance(args);
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot rebuild " + constructor.getDeclaringClass().getSimpleName(), e);
    }
  }

  private static Object get(RecordComponent component, Record value) {
    try {
      return component.getAccessor().invoke(value);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }

  static String snake(String camel) {
    return camel.chars().mapToObj(c -> Character.isUpperCase(c)
        ? "_" + Character.toLowerCase((char) c) : String.valueOf((char) c)).collect(Collectors.joining());
  }

  /** "?, ?, ?" for an IN list of {@code n} values. */
  static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
