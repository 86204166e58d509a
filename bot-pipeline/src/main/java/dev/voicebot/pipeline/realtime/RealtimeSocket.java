package dev.voicebot.pipeline.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One session's WebSocket (the JDK's client). Inbound messages are parsed on the client's thread
 * and posted to the actor; outbound ones are sent strictly in order (the JDK allows one
 * outstanding send at a time) by chaining each send on the previous one.
 *
 * <p>Sending is called only by the actor, so the chain needs no lock; completions run on the
 * client's threads and only touch atomics. When the network falls behind, caller audio is dropped
 * (and counted) once about a second of it is waiting, so a slow link delays nothing but audio and
 * memory stays bounded; control messages are never dropped.
 */
final class RealtimeSocket {

  /** About one second of 24 kHz pcm16 as base64 JSON. */
  static final long MAX_PENDING_AUDIO_CHARS = 70_000;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

  private final WebSocket socket;
  private final Consumer<SessionEvent> post;
  private final AtomicLong pendingAudioChars = new AtomicLong();
  private final LongAdder droppedAudio = new LongAdder();
  private final AtomicBoolean failureReported = new AtomicBoolean();
  private final CompletableFuture<Void> peerClosed;
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
  private boolean closing;

  private RealtimeSocket(WebSocket socket, Consumer<SessionEvent> post, CompletableFuture<Void> peerClosed) {
    this.socket = socket;
    this.post = post;
    this.peerClosed = peerClosed;
  }

  /**
   * Opens the socket. Success arrives as {@link SessionEvent.Connected}, failure as {@link
   * SessionEvent.ConnectFailed}; server messages follow as {@link SessionEvent.Server}. The
   * returned future lets a session that ended while connecting release a late connection.
   */
  static CompletableFuture<WebSocket> connect(HttpClient http, URI endpoint, Optional<String> apiKey, Duration timeout,
      Consumer<SessionEvent> post, LongSupplier clock) {
    WebSocket.Builder builder = http.newWebSocketBuilder()
        .connectTimeout(timeout)
        .header("OpenAI-Beta", "realtime=v1");
    apiKey.ifPresent(key -> builder.header("Authorization", "Bearer " + key));
    CompletableFuture<WebSocket> opening = builder.buildAsync(endpoint, new Inbound(post, clock));
    opening.whenComplete((ws, error) -> {
      if (error != null) {
        post.accept(new SessionEvent.ConnectFailed(error));
      }
    });
    return opening;
  }

  /** Queues a control message (session, response, item events); never dropped. */
  void send(String json) {
    enqueue(json, false);
  }

  /** Queues an audio append unless about a second of audio is already waiting; false when dropped. */
  boolean sendAudio(String json) {
    if (pendingAudioChars.get() > MAX_PENDING_AUDIO_CHARS) {
      droppedAudio.increment();
      return false;
    }
    enqueue(json, true);
    return true;
  }

  long droppedAudio() {
    return droppedAudio.sum();
  }

  private void enqueue(String json, boolean audio) {
    if (closing) {
      return;
    }
    if (audio) {
      pendingAudioChars.addAndGet(json.length());
    }
    CompletableFuture<WebSocket> sent = tail.thenCompose(ignored -> socket.sendText(json, true));
    sent.whenComplete((ws, error) -> {
      if (audio) {
        pendingAudioChars.addAndGet(-json.length());
      }
      if (error != null && failureReported.compareAndSet(false, true)) {
        post.accept(new SessionEvent.SocketFailed(error));
      }
    });
    // A failed send must not stop the chain from settling; the failure was reported above.
    tail = sent.exceptionally(error -> null);
  }

  /**
   * Says goodbye (close 1000) after what is already queued, then lets go of the connection once the
   * server answered or a second passed. Completes when the connection is released; never fails.
   */
  CompletableFuture<Void> close() {
    if (closing) {
      return peerClosed;
    }
    closing = true;
    tail.thenCompose(ignored -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "call ended"))
        .thenCompose(ignored -> peerClosed)
        .orTimeout(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((ignored, error) -> {
          socket.abort(); // releases the connection whatever the server did
          peerClosed.complete(null);
        });
    return peerClosed;
  }

  /** Drops the connection at once (the server misbehaved or is gone). */
  void abort() {
    closing = true;
    socket.abort();
    peerClosed.complete(null);
  }

  /** Receives on the client's thread: assembles text messages, parses them, posts them. */
  private static final class Inbound implements WebSocket.Listener {

    private final Consumer<SessionEvent> post;
    private final LongSupplier clock;
    private final StringBuilder text = new StringBuilder();
    private final CompletableFuture<Void> peerClosed = new CompletableFuture<>();

    Inbound(Consumer<SessionEvent> post, LongSupplier clock) {
      this.post = post;
      this.clock = clock;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      // Posted here rather than when buildAsync completes, so it is ahead of every server message.
      post.accept(new SessionEvent.Connected(new RealtimeSocket(webSocket, post, peerClosed)));
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        post.accept(new SessionEvent.Server(ServerEvents.parse(message), clock.getAsLong()));
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      webSocket.request(1); // not part of the protocol; ignored
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      peerClosed.complete(null);
      post.accept(new SessionEvent.SocketClosed(statusCode, reason));
      return null; // the client answers the close itself
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      peerClosed.complete(null);
      post.accept(new SessionEvent.SocketFailed(error));
    }
  }
}
