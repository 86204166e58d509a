package dev.voicebot.app.recordings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call recordings: one stereo WAV per recorded call in one directory, written by one thread
 * of its own that drains every open call's {@link CallRecorder} several times a second and
 * patches each file's header as it goes, so a file is playable while its call runs and after the
 * app dies.
 */
public final class Recordings implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Recordings.class);
  /** How often the writer drains: well within the one second a killed app may lose. */
  private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  /** 5 s of frames per call: the disk may stall that long before a frame is dropped. */
  private static final int RING_FRAMES = 250;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path directory;
  private final boolean enabled;
  private final List<CallRecorder> open = new CopyOnWriteArrayList<>();
  private final Thread writer;
  private volatile boolean closed;

  /**
   * @param enabled false: no call is recorded, whatever its dialplan says
   */
  public Recordings(Path directory, boolean enabled) throws IOException {
    this.directory = directory.toAbsolutePath().normalize();
    this.enabled = enabled;
    if (enabled) {
      Files.createDirectories(this.directory);
    }
    this.writer = Thread.ofPlatform().name("recordings-writer").daemon(true).start(this::run);
  }

  public Path directory() {
    return directory;
  }

  /** Starts recording a call, or empty when recordings are off or its file cannot be created (logged). */
  public Optional<CallRecorder> open(String callId, Instant startedAt) {
    if (!enabled || closed) {
      return Optional.empty();
    }
    String name = STAMP.format(startedAt) + "-" + safe(callId) + ".wav";
    var recorder = new CallRecorder(callId, name, directory.resolve(name), RING_FRAMES);
    try {
      recorder.open();
    } catch (IOException e) {
      log.warn("cannot record call {}: {}", callId, e.toString());
      return Optional.empty();
    }
    open.add(recorder);
    return Optional.of(recorder);
  }

  /** A recording by the name its call record has; empty for names outside the directory or files gone. */
  public Optional<Path> file(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    Path file = directory.resolve(name).normalize();
    return file.getParent().equals(directory) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Deletes recordings last written before {@code cutoff}, except those of calls still on; how many. */
  public int deleteOlderThan(Instant cutoff) throws IOException {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    var live = open.stream().map(CallRecorder::fileName).toList();
    int deleted = 0;
    try (var files = Files.list(directory)) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".wav")).toList()) {
        if (!live.contains(f.getFileName().toString())
            && Files.getLastModifiedTime(f).toInstant().isBefore(cutoff) && Files.deleteIfExists(f)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  private void run() {
    while (true) {
      boolean stopping = closed;
      for (CallRecorder r : open) {
        if (stopping) {
          r.finish();
        }
        drain(r);
      }
      if (stopping) {
        return;
      }
      LockSupport.parkNanos(DRAIN_NANOS);
    }
  }

  private void drain(CallRecorder r) {
    boolean last = r.isFinishing(); // read before draining: nothing is published after finish()
    try {
      r.drain();
    } catch (IOException e) {
      log.warn("recording of call {} failed, stopping it: {}", r.callId(), e.toString());
      last = true;
    }
    if (last) {
      open.remove(r);
      try {
        r.close();
      } catch (IOException e) {
        log.warn("recording of call {}: closing the file failed: {}", r.callId(), e.toString());
      }
      if (r.droppedFrames() > 0) {
        log.warn("recording of call {} lost {} frames: the disk fell behind", r.callId(), r.droppedFrames());
      }
    }
  }

  /** Stops recording: every open file gets what its call sent so far and its final header. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    LockSupport.unpark(writer);
    if (!writer.join(java.time.Duration.ofSeconds(10))) {
      log.warn("recordings: the writer did not finish within 10 s");
    }
  }

  /** A Call-ID as a file name: it may hold any character SIP allows, and '/' is one of them. */
  static String safe(String callId) {
    String s = callId.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.length() > 120 ? s.substring(0, 120) : s;
  }
}
