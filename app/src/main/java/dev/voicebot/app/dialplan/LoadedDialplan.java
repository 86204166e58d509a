package dev.voicebot.app.dialplan;

import dev.voicebot.pipeline.dialplan.Dialplan;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A dialplan file as the app uses it: the bot's script plus what the app itself does with the
 * call before the bot speaks.
 *
 * @param id the file name without extension (the name the default dialplan setting uses)
 * @param answerAfter how long the call rings before it is answered (0: at once)
 */
public record LoadedDialplan(String id, Path file, Dialplan dialplan, Duration answerAfter) {}
