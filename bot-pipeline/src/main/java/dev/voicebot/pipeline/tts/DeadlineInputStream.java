package dev.voicebot.pipeline.tts;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input bounded by one absolute deadline: a socket read timeout alone would restart at
 * every packet, letting a slow trickle run far past the caller's budget.
 */
final class DeadlineInputStream extends InputStream {

  private final Socket socket;
  private final InputStream in;
  private final long deadlineNanos;

  DeadlineInputStream(Socket socket, long deadlineNanos) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.deadlineNanos = deadlineNanos;
  }

  private void armTimeout() throws IOException {
    long remainingMillis = Math.ceilDiv(deadlineNanos - System.nanoTime(), 1_000_000L);
    if (remainingMillis <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
  }

  @Override
  public int read() throws IOException {
    armTimeout();
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    armTimeout();
    return in.read(b, off, len);
  }
}
