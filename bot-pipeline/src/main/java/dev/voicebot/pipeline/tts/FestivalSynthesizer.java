package dev.voicebot.pipeline.tts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Synthesizes through a Festival server started by {@link FestivalServer} (it relies on the
 * command that server's script defines).
 *
 * <p>One connection per request: Festival forks a child per client, and measured on festival 2.5
 * a fresh connection answered a short sentence in ~68 ms against 80-104 ms on a kept-open one (the
 * long-lived child slows down), and it leaves no half-read connection behind after a timeout.
 * Thread-safe; concurrent requests are capped below Festival's client limit.
 */
public final class FestivalSynthesizer implements SpeechSynthesizer {

  /** Festival denies clients beyond its limit; stay well under it so requests queue here instead. */
  static final int MAX_CONCURRENT_REQUESTS = FestivalScript.MAX_CLIENTS / 2;

  private final String host;
  private final int port;
  private final Duration timeout;
  private final Semaphore permits = new Semaphore(MAX_CONCURRENT_REQUESTS, true);
  private volatile boolean closed;

  /**
   * @param host the server's host, normally {@code 127.0.0.1} (Festival only admits loopback)
   * @param port the server's port ({@link FestivalServer#port()})
   * @param timeout the whole budget of one {@link #synthesize} call: queueing, connecting, synthesis
   */
  public FestivalSynthesizer(String host, int port, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (port <= 0 || port > 65_535) {
      throw new IllegalArgumentException("not a TCP port: " + port);
    }
    this.host = host;
    this.port = port;
    this.timeout = timeout;
  }

  @Override
  public short[] synthesize(String text) throws SynthesisException {
    if (closed) {
      throw new SynthesisException("synthesizer is closed");
    }
    String speakable = SchemeText.speakable(text);
    if (speakable.isEmpty()) {
      return new short[0]; // nothing to say; Festival would fail on an empty utterance anyway
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!permits.tryAcquire(remainingNanos(deadline), TimeUnit.NANOSECONDS)) {
        throw timedOut(null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SynthesisException("interrupted while waiting for festival", e);
    }
    try {
      return request("(" + FestivalScript.SAY_FUNCTION + " " + SchemeText.literal(speakable) + ")\n", deadline);
    } finally {
      permits.release();
    }
  }

  /**
   * Festival forks a child per client and turns a client away (a reset) while it counts too many
   * of them, and children that answered exit late on a busy CPU: seen under load with half the
   * client limit in flight. Synthesis has no side effects, so a refused or reset request is asked
   * again, a little later, while the deadline allows.
   */
  private static final int ATTEMPTS = 3;
  private static final long RETRY_PAUSE_MILLIS = 30;

  private short[] request(String command, long deadline) throws SynthesisException {
    for (int attempt = 1; ; attempt++) {
      try {
        return requestOnce(command, deadline);
      } catch (SynthesisException e) {
        boolean refused = e.getCause() instanceof java.net.SocketException && !(e.getCause() instanceof SocketTimeoutException);
        if (!refused || attempt == ATTEMPTS || remainingNanos(deadline) < TimeUnit.MILLISECONDS.toNanos(4 * RETRY_PAUSE_MILLIS)) {
          throw e;
        }
        try {
          Thread.sleep(RETRY_PAUSE_MILLIS * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private short[] requestOnce(String command, long deadline) throws SynthesisException {
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(
          new InetSocketAddress(host, port),
          (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos(deadline))));
      OutputStream out = socket.getOutputStream();
      out.write(command.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // End of our input lets the forked server child exit as soon as it has answered.
      socket.shutdownOutput();
      FestivalReply.Wave wave = FestivalReply.readWave(new DeadlineInputStream(socket, deadline));
      return RiffWav.pcm16kMono(wave.buffer(), wave.offset(), wave.length());
    } catch (SocketTimeoutException e) {
      throw timedOut(e);
    } catch (IOException e) {
      throw new SynthesisException("cannot synthesize through festival at " + where() + ": " + e.getMessage(), e);
    }
  }

  private static long remainingNanos(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private SynthesisException timedOut(Exception cause) {
    return new SynthesisException("festival at " + where() + " did not answer within " + timeout, cause);
  }

  private String where() {
    return host + ":" + port;
  }

  /** Stops accepting requests; there are no pooled connections to release. */
  @Override
  public void close() {
    closed = true;
  }
}
