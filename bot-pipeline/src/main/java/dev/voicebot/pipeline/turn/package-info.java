/**
 * Turn-taking for one caller: when the caller starts speaking (VAD with hysteresis and a minimum
 * speech run, which is also the barge-in trigger), when the caller has finished (endpointing
 * measured from the last voiced frame, shorter when the words so far are already a complete
 * answer), and the pre-roll kept so the recognizer hears the first syllable.
 *
 * <p>Pure logic on audio time: no threads, no engines, no wall clock, so it is tested frame by frame.
 */
package dev.voicebot.pipeline.turn;
