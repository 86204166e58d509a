package dev.voicebot.app.dialplan;

import dev.voicebot.pipeline.dialplan.Dialplan;
import java.nio.file.Path;
import dev.voicebot.pipeline.realtime.RealtimeSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * A dialplan file as the app uses it: the bot's script plus what the app itself does with the
 * call before the bot speaks.
 *
 * @param id the file name without extension (the name the default dialplan setting uses)
 * @param answerAfter how long the call rings before it is answered (0: at once)
 * @param realtime when present, calls go to a speech-to-speech model instead of the cascaded
 *     pipeline (VAD, STT, brain, TTS)
 * @param recording whether its calls are recorded (when {@code voicebot.recordings.enabled})
 */
public record LoadedDialplan(String id, Path file, Dialplan dialplan, Duration answerAfter,
    Optional<RealtimeSettings> realtime, boolean recording) {

  public LoadedDialplan(String id, Path file, Dialplan dialplan, Duration answerAfter) {
    this(id, file, dialplan, answerAfter, Optional.empty(), false);
  }
}
