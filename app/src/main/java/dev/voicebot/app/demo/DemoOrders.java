package dev.voicebot.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The demo's orders: {@code demo-orders.csv} in the dialplan directory, one order a line as
 * {@code number,status,expected} (a header line and {@code #} comments allowed). Read at every
 * lookup, so the file can be edited while the bot runs.
 */
public final class DemoOrders {

  /** The file's name in the dialplan directory. */
  public static final String FILE = "demo-orders.csv";

  private final Path file;

  public DemoOrders(Path dialplanDirectory) {
    this.file = dialplanDirectory.resolve(FILE);
  }

  /** One order as the demo line tells it. */
  public record Order(String number, String status, String expected) {}

  public Optional<Order> find(String number) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.split(",", 3))
          .filter(cols -> cols.length == 3 && cols[0].strip().equals(number))
          .findFirst()
          .map(cols -> new Order(cols[0].strip(), cols[1].strip(), cols[2].strip()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
