package dev.voicebot.app.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.Intent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replies by day and the repeat / start-over actions in dialplan files: read, and every mistake placed. */
class DialplanIntentOptionsLoaderTest {

  private static final Path REPO = Path.of(System.getProperty("voicebot.repo", ".."));

  @TempDir Path dir;

  private final DialplanLoader loader = new DialplanLoader();

  /** The intent under test starts on line 9; its own keys from line 10. */
  private static final String HEAD = """
      name: Shop
      greeting: Hello
      reprompt: Again?
      goodbye: Bye
      silence:
        timeout: 5s
        prompt: Still there?
      intents:
        - name: hours
          phrases: [are you open]
          reply: Nine to five.
      """;

  private Intent load(String yaml) throws IOException {
    return new DialplanFiles(dir).load(yaml).intents().getFirst();
  }

  private DialplanException failure(String yaml) throws IOException {
    return new DialplanFiles(dir).failure(yaml);
  }

  @Test
  void repliesByDayAreReadByDayName() throws IOException {
    Intent hours = load(HEAD + "    by-day:\n      sunday: Closed.\n      Saturday: Ten to two.\n");

    assertThat(hours.byDay()).containsEntry(DayOfWeek.SUNDAY, "Closed.").containsEntry(DayOfWeek.SATURDAY, "Ten to two.");
    assertThat(hours.action()).isEqualTo(Intent.Action.SAY);
  }

  @Test
  void theDemoTellsEachDaysHoursAndCanRepeatAndStartOver() {
    var intents = loader.load(REPO.resolve("dialplans/demo.yaml")).dialplan().intents();

    assertThat(intents.getFirst().byDay()).hasSize(7);
    assertThat(intents).extracting(Intent::action).contains(Intent.Action.REPEAT, Intent.Action.START_OVER);
  }

  @Test
  void aByDayKeyThatIsNotADayIsPlacedAndTheDaysListed() throws IOException {
    var e = failure(HEAD + "    by-day:\n      sunday: Closed.\n      weekend: Closed.\n");

    assertThat(e.problem()).contains("'weekend' is not a day").contains("saturday");
    assertThat(e.line()).isEqualTo(14);
    assertThat(e.column()).isEqualTo(7);
  }

  @Test
  void byDayMustBeAMapping() throws IOException {
    var e = failure(HEAD + "    by-day: [sunday]\n");

    assertThat(e.problem()).contains("by-day must map day names to replies");
    assertThat(e.line()).isEqualTo(12);
  }

  @Test
  void aDayListedTwiceIsRejected() throws IOException {
    var e = failure(HEAD + "    by-day:\n      sunday: Closed.\n      SUNDAY: Open.\n");

    assertThat(e.problem()).contains("SUNDAY is listed twice");
    assertThat(e.line()).isEqualTo(14);
  }

  @Test
  void aByDayReplyCannotUseVariables() throws IOException {
    var e = failure(HEAD + "    by-day:\n      sunday: Closed {when}.\n");

    assertThat(e.problem()).contains("by-day.sunday uses {when}");
    assertThat(e.line()).isEqualTo(13);
  }

  @Test
  void repeatAndStartOverActionsAreRead() throws IOException {
    assertThat(load(HEAD + "    action: repeat\n").action()).isEqualTo(Intent.Action.REPEAT);
    assertThat(load(HEAD + "    action: start-over\n").action()).isEqualTo(Intent.Action.START_OVER);
  }

  @Test
  void anUnknownActionSaysWhichOnesThereAre() throws IOException {
    var e = failure(HEAD + "    action: rewind\n");

    assertThat(e.problem()).contains("action must be 'say', 'repeat'").contains("'rewind'");
    assertThat(e.line()).isEqualTo(12);
    assertThat(e.column()).isEqualTo(13);
  }

  @Test
  void anActionCannotAlsoCollectOrHangUp() throws IOException {
    var collect = failure(HEAD + "    action: repeat\n    collect:\n      prompt: Number?\n      digits: 3\n"
        + "      confirmation: Got {digits}.\n");
    assertThat(collect.problem()).contains("action repeat, which cannot have collect too");
    assertThat(collect.line()).isEqualTo(14);

    var hangup = failure(HEAD + "    action: start-over\n    then: hangup\n");
    assertThat(hangup.problem()).contains("the call continues after it");
    assertThat(hangup.line()).isEqualTo(13);
  }
}
