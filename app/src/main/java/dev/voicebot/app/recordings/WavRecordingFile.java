package dev.voicebot.app.recordings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A 16-bit PCM WAV file that is valid at every moment it is written: the header goes out first
 * with sizes for no audio, and {@link #patchSizes()} rewrites the RIFF and data sizes in place
 * after each batch of audio. A process killed mid-call leaves a file whose header covers what was
 * patched last (the writer does it several times a second); the audio is in the page cache as soon
 * as it is written, so only a crash of the machine itself can lose it. Writer thread only.
 */
final class WavRecordingFile implements AutoCloseable {

  static final int HEADER_BYTES = 44;
  /** The data size field is 32 bits: stop before it would wrap (about 18 h of 16 kHz stereo). */
  static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - HEADER_BYTES;

  private final FileChannel channel;
  private final ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
  private long dataBytes;
  private long patchedBytes = -1;

  private WavRecordingFile(FileChannel channel) {
    this.channel = channel;
  }

  static WavRecordingFile create(Path file, int sampleRate, int channels) throws IOException {
    var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    try {
      ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      int blockAlign = channels * 2;
      h.put(ascii("RIFF")).putInt(36).put(ascii("WAVE"));
      h.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
          .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) 16);
      h.put(ascii("data")).putInt(0);
      h.flip();
      while (h.hasRemaining()) {
        channel.write(h, h.position());
      }
      channel.position(HEADER_BYTES);
      return new WavRecordingFile(channel);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  /** Appends the buffer's remaining bytes (whole sample frames); false once the file is full. */
  boolean append(ByteBuffer audio) throws IOException {
    if (dataBytes + audio.remaining() > MAX_DATA_BYTES) {
      return false;
    }
    while (audio.hasRemaining()) {
      dataBytes += channel.write(audio);
    }
    return true;
  }

  /** Makes the header say how much audio there is, if that changed since the last time. */
  void patchSizes() throws IOException {
    if (dataBytes == patchedBytes) {
      return;
    }
    writeSize(4, 36 + dataBytes);
    writeSize(40, dataBytes);
    patchedBytes = dataBytes;
  }

  long dataBytes() {
    return dataBytes;
  }

  private void writeSize(long position, long value) throws IOException {
    size.clear();
    size.putInt((int) value).flip();
    while (size.hasRemaining()) {
      channel.write(size, position + size.position());
    }
  }

  @Override
  public void close() throws IOException {
    try {
      patchSizes();
    } finally {
      channel.close();
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
