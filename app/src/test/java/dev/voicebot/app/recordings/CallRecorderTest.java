package dev.voicebot.app.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.WavFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording as the media clock feeds it: the caller on the left and the bot on the right, frame
 * for frame; a file a player can open while the call runs (what a killed app leaves); frames the
 * writer could not keep up with dropped and counted, never waited for.
 */
@Timeout(30)
class CallRecorderTest {

  private static final int FRAME = CallRecorder.FRAME;

  @TempDir Path dir;

  @Test
  void theCallerIsOnTheLeftAndTheBotOnTheRightFrameForFrame() throws Exception {
    Path file;
    try (var recordings = new Recordings(dir, true)) {
      CallRecorder recorder = recordings.open("a/b@host", Instant.parse("2026-03-01T10:00:00Z")).orElseThrow();
      assertThat(recorder.fileName()).isEqualTo("20260301T100000Z-a_b_host.wav");
      recorder.bot(frame(1000)); // the bot speaks before the caller's first packet
      for (int i = 0; i < 4; i++) {
        recorder.caller(frame(-10 - i));
        recorder.bot(frame(10 + i));
      }
      recorder.caller(frame(-99)); // on hold: a tick that sends nothing ...
      recorder.caller(frame(-98)); // ... pairs the caller with bot silence
      recorder.bot(frame(77));
      recorder.finish();
      file = recordings.file(recorder.fileName()).orElseThrow();
    }

    short[] left = WavFile.read(file, 0).mono();
    short[] right = WavFile.read(file, 1).mono();
    assertThat(WavFile.read(file, 0).sampleRate()).isEqualTo(16_000);
    assertThat(frames(left)).containsExactly(0, -10, -11, -12, -13, -99, -98);
    assertThat(frames(right)).containsExactly(1000, 10, 11, 12, 13, 0, 77);
  }

  @Test
  void theFileIsPlayableWhileTheCallRunsWithAHeaderCoveringWhatIsOnDisk() throws Exception {
    try (var recordings = new Recordings(dir, true)) {
      CallRecorder recorder = recordings.open("live", Instant.now()).orElseThrow();
      for (int i = 0; i < 100; i++) { // 2 s of call
        recorder.caller(frame(-5));
        recorder.bot(frame(5));
      }
      Path file = dir.resolve(recorder.fileName());
      long expected = 100L * FRAME * 4;
      long deadline = System.nanoTime() + 2_000_000_000L; // the writer patches several times a second
      while (dataSize(file) != expected && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      // Not finished, not closed: what a player finds after kill -9.
      assertThat(dataSize(file)).isEqualTo(expected);
      assertThat(Files.size(file)).isEqualTo(44 + expected);
      assertThat(riffSize(file)).isEqualTo(36 + expected);
      assertThat(WavFile.read(file, 1).mono()).hasSize(100 * FRAME);
      recorder.finish();
    }
  }

  @Test
  void framesBeyondTheRingAreDroppedAndCountedWithoutWaiting() throws Exception {
    var recorder = new CallRecorder("slow-disk", "slow.wav", dir.resolve("slow.wav"), 8);
    for (int i = 0; i < 20; i++) { // nobody drains: the disk is stuck
      recorder.caller(frame(1));
      recorder.bot(frame(2));
    }
    assertThat(recorder.droppedFrames()).isEqualTo(12);

    recorder.open();
    assertThat(recorder.drain()).isEqualTo(8);
    recorder.caller(frame(3));
    recorder.bot(frame(4));
    assertThat(recorder.drain()).as("room again once drained").isEqualTo(1);
    recorder.close();
    assertThat(frames(WavFile.read(dir.resolve("slow.wav"), 1).mono())).containsExactly(2, 2, 2, 2, 2, 2, 2, 2, 4);
  }

  @Test
  void recordingsOffRecordsNothing() throws Exception {
    try (var recordings = new Recordings(dir.resolve("off"), false)) {
      assertThat(recordings.open("x", Instant.now())).isEmpty();
    }
    assertThat(dir.resolve("off")).doesNotExist();
  }

  @Test
  void aNameFromOutsideTheDirectoryIsNotServed() throws Exception {
    Files.writeString(dir.resolve("secret.txt"), "no");
    try (var recordings = new Recordings(dir.resolve("rec"), true)) {
      assertThat(recordings.file("../secret.txt")).isEmpty();
      assertThat(recordings.file("missing.wav")).isEmpty();
    }
  }

  private static short[] frame(int value) {
    short[] f = new short[FRAME];
    java.util.Arrays.fill(f, (short) value);
    return f;
  }

  /** The first sample of each 20 ms frame. */
  private static java.util.List<Integer> frames(short[] channel) {
    var out = new java.util.ArrayList<Integer>();
    for (int i = 0; i < channel.length; i += FRAME) {
      out.add((int) channel[i]);
    }
    return out;
  }

  private static long dataSize(Path file) throws Exception {
    return sizeAt(file, 40);
  }

  private static long riffSize(Path file) throws Exception {
    return sizeAt(file, 4);
  }

  private static long sizeAt(Path file, int offset) throws Exception {
    try (var channel = FileChannel.open(file)) {
      ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(b, offset);
      return Integer.toUnsignedLong(b.flip().getInt());
    }
  }
}
