package dev.voicebot.app.recordings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * One call's stereo recording, caller left and bot right, 16 kHz 16-bit: what was on the wire,
 * frame-aligned by the media clock tick that received and sent it.
 *
 * <p>The media clock thread hands each tick's frames to {@link #caller} and {@link #bot}; they copy
 * into a ring of preallocated frames and return: no allocation, no lock, no I/O, so a slow disk
 * can never delay a packet. When the ring is full (the disk fell seconds behind) the frame is
 * dropped and counted. The recordings writer thread ({@link Recordings}) drains the ring into the
 * file. One producer (the media clock) and one consumer (the writer): the two volatile positions
 * are the only handoff.
 */
public final class CallRecorder {

  static final int SAMPLE_RATE = 16_000;
  /** 20 ms at 16 kHz: the media clock's frame. */
  static final int FRAME = 320;
  private static final short[] SILENCE = new short[FRAME];

  private final String callId;
  private final String fileName;
  private final Path path;
  private final short[][] ring;

  // Media clock thread only.
  private final short[] callerFrame = new short[FRAME];
  private boolean callerPending;

  /** Frames published by the media clock / taken by the writer; each written by its one thread. */
  private volatile long published;
  private volatile long taken;
  private volatile long dropped;
  private volatile boolean finishing;

  // Writer thread only.
  private WavRecordingFile file;
  private final ByteBuffer out;
  private boolean full;

  CallRecorder(String callId, String fileName, Path path, int ringFrames) {
    this.callId = callId;
    this.fileName = fileName;
    this.path = path;
    this.ring = new short[ringFrames][2 * FRAME];
    this.out = ByteBuffer.allocateDirect(32 * 4 * FRAME).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The file's name in the recordings directory. */
  public String fileName() {
    return fileName;
  }

  String callId() {
    return callId;
  }

  /**
   * The caller's frame of this tick, as received (before echo cancellation). Media clock thread. A
   * tick that sends nothing (the call on hold) leaves it waiting; the next caller frame then goes
   * out with bot silence.
   */
  public void caller(short[] pcm16k) {
    if (callerPending) {
      push(callerFrame, SILENCE);
    }
    System.arraycopy(pcm16k, 0, callerFrame, 0, FRAME);
    callerPending = true;
  }

  /** The bot's frame this tick sent; pairs it with this tick's caller frame (silence if none yet). Media clock thread. */
  public void bot(short[] pcm16k) {
    push(callerPending ? callerFrame : SILENCE, pcm16k);
    callerPending = false;
  }

  /** Frames lost because the writer fell behind by the whole ring. */
  public long droppedFrames() {
    return dropped;
  }

  /** No more frames: the writer writes what is left and closes the file. */
  public void finish() {
    finishing = true;
  }

  boolean isFinishing() {
    return finishing;
  }

  private void push(short[] left, short[] right) {
    if (finishing) {
      return;
    }
    long p = published;
    if (p - taken >= ring.length) {
      dropped = dropped + 1; // single writer: the media clock
      return;
    }
    short[] slot = ring[(int) (p % ring.length)];
    for (int i = 0, j = 0; i < FRAME; i++, j += 2) {
      slot[j] = left[i];
      slot[j + 1] = right[i];
    }
    published = p + 1; // publishes the slot's contents to the writer
  }

  // Writer thread.

  void open() throws IOException {
    file = WavRecordingFile.create(path, SAMPLE_RATE, 2);
  }

  /** Writes every frame published so far and patches the header; the frames written. */
  int drain() throws IOException {
    long end = published;
    long t = taken;
    int n = 0;
    while (t < end && !full) {
      out.clear();
      while (t < end && out.remaining() >= 4 * FRAME) {
        short[] slot = ring[(int) (t % ring.length)];
        for (short s : slot) {
          out.putShort(s);
        }
        t++;
        n++;
      }
      out.flip();
      full = !file.append(out);
      taken = t; // frees the slots for the media clock
    }
    file.patchSizes();
    return n;
  }

  void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }
}
