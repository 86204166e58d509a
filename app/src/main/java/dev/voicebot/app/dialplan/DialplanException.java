package dev.voicebot.app.dialplan;

import java.nio.file.Path;

/** A dialplan file that cannot be used, with the place of the mistake. */
public class DialplanException extends RuntimeException {

  private final Path file;
  private final int line;
  private final int column;
  private final String problem;

  /**
   * @param line 1-based, or 0 when the problem concerns the whole file
   * @param column 1-based, or 0 when unknown
   */
  public DialplanException(Path file, int line, int column, String problem) {
    super(format(file, line, column, problem));
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  private static String format(Path file, int line, int column, String problem) {
    if (line <= 0) {
      return "dialplan " + file + ": " + problem;
    }
    return "dialplan " + file + ":" + line + ":" + column + ": " + problem;
  }

  public Path file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String problem() {
    return problem;
  }
}
