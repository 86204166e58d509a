package dev.voicebot.pipeline.llm;

import dev.voicebot.pipeline.dialplan.LlmSettings;
import dev.voicebot.pipeline.json.Json;
import dev.voicebot.pipeline.text.Truncate;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * One streaming chat request in flight; {@link #cancel()} stops it (barge-in, hangup).
 *
 * <p>The HTTP client pushes the body line by line into a queue, one line per request for more
 * (back-pressure); a virtual thread takes them with a timeout, which is how the first-token,
 * idle and whole-request limits are enforced without a timer thread. Any failure or timeout
 * cancels the body subscription, which closes the connection, so a server still generating stops
 * paying for it.
 */
public final class ChatStream {

  private static final int MAX_ERROR_BODY_CHARS = 8192;
  private static final int MAX_ERROR_MESSAGE_CHARS = 300;

  private sealed interface Item {}

  private record Headers(int status) implements Item {}

  private record Line(String text) implements Item {}

  private record End() implements Item {}

  private record Broken(Throwable error) implements Item {}

  private record Cancelled() implements Item {}

  private final HttpClient http;
  private final HttpRequest request;
  private final LlmSettings.Timeouts timeouts;
  private final Consumer<ChatEvent> sink;
  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
  private volatile CompletableFuture<HttpResponse<Void>> exchange;
  private volatile boolean cancelled;

  // Confined to the request's thread.
  private final SseDecoder sse = new SseDecoder();
  private final StreamAssembler assembler = new StreamAssembler();
  private boolean textDelivered;

  ChatStream(HttpClient http, HttpRequest request, LlmSettings.Timeouts timeouts, Consumer<ChatEvent> sink) {
    this.http = http;
    this.request = request;
    this.timeouts = timeouts;
    this.sink = sink;
  }

  /** Stops the request and closes its connection; no event is delivered after this returns. */
  public void cancel() {
    cancelled = true;
    abort();
    queue.add(new Cancelled());
  }

  public boolean isCancelled() {
    return cancelled;
  }

  void run() {
    try {
      exchange = http.sendAsync(request, info -> {
        queue.add(new Headers(info.statusCode()));
        return HttpResponse.BodySubscribers.fromLineSubscriber(new LineSubscriber());
      });
      exchange.whenComplete((response, error) -> {
        if (error != null) {
          queue.add(new Broken(error));
        }
      });
      if (cancelled) {
        abort();
        return;
      }
      read();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
    } catch (RuntimeException e) {
      abort();
      fail(new LlmFailure.BadResponse(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  private void read() throws InterruptedException {
    long start = System.nanoTime();
    long requestDeadline = start + timeouts.request().toNanos();
    long lastActivity = start;
    int status = -1;
    StringBuilder errorBody = null;
    while (true) {
      LlmFailure.Stage stage = assembler.started() ? LlmFailure.Stage.IDLE : LlmFailure.Stage.FIRST_TOKEN;
      long deadline = stage == LlmFailure.Stage.IDLE
          ? lastActivity + timeouts.idle().toNanos()
          : start + timeouts.firstToken().toNanos();
      if (requestDeadline - deadline < 0) {
        deadline = requestDeadline;
        stage = LlmFailure.Stage.REQUEST;
      }
      Item item = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (cancelled) {
        return;
      }
      if (item == null) {
        abort();
        fail(errorBody != null
            ? new LlmFailure.HttpError(status, providerMessage(errorBody.toString()))
            : new LlmFailure.TimedOut(stage, limit(stage)));
        return;
      }
      switch (item) {
        case Cancelled c -> {
          return;
        }
        case Headers h -> {
          status = h.status();
          if (status < 200 || status > 299) {
            errorBody = new StringBuilder();
          }
        }
        case Line line -> {
          lastActivity = System.nanoTime();
          if (errorBody != null) {
            if (errorBody.length() < MAX_ERROR_BODY_CHARS) {
              errorBody.append(line.text()).append('\n');
            }
          } else {
            Optional<String> data = sse.line(line.text());
            if (data.isPresent() && !accept(data.get())) {
              return;
            }
          }
          requestMore(1);
        }
        case End e -> {
          if (errorBody != null) {
            fail(new LlmFailure.HttpError(status, providerMessage(errorBody.toString())));
          } else {
            Optional<String> data = sse.flush();
            if (data.isPresent() && !accept(data.get())) {
              return;
            }
            if (assembler.complete()) {
              complete();
            } else {
              fail(new LlmFailure.Disconnected("the stream ended before the reply was complete"));
            }
          }
          return;
        }
        case Broken b -> {
          abort();
          fail(classify(b.error(), status >= 0));
          return;
        }
      }
    }
  }

  /** One SSE event; false once the request is over (done or failed). */
  private boolean accept(String data) {
    String text;
    try {
      text = assembler.accept(data);
    } catch (IllegalArgumentException e) {
      abort();
      fail(new LlmFailure.BadResponse(Truncate.to(MAX_ERROR_MESSAGE_CHARS, e.getMessage())));
      return false;
    }
    if (!text.isEmpty()) {
      textDelivered = true;
      emit(new ChatEvent.TextDelta(text));
    }
    if (data.strip().equals("[DONE]")) {
      requestMore(Long.MAX_VALUE); // drain what little is left so the connection can be reused
      complete();
      return false;
    }
    return true;
  }

  private void complete() {
    emit(new ChatEvent.Completed(assembler.finishReason(), assembler.toolCalls()));
  }

  private void fail(LlmFailure failure) {
    emit(new ChatEvent.Failed(failure, textDelivered));
  }

  private void emit(ChatEvent event) {
    if (!cancelled) {
      sink.accept(event);
    }
  }

  private void requestMore(long n) {
    Flow.Subscription s = subscription.get();
    if (s != null) {
      s.request(n);
    }
  }

  /** Closes the connection: cancelling the body subscription makes the client drop it. */
  private void abort() {
    Flow.Subscription s = subscription.getAndSet(CANCELLED_SUBSCRIPTION);
    if (s != null && s != CANCELLED_SUBSCRIPTION) {
      s.cancel();
    }
    CompletableFuture<HttpResponse<Void>> f = exchange;
    if (f != null) {
      f.cancel(true);
    }
  }

  private Duration limit(LlmFailure.Stage stage) {
    return switch (stage) {
      case FIRST_TOKEN -> timeouts.firstToken();
      case IDLE -> timeouts.idle();
      case REQUEST -> timeouts.request();
    };
  }

  private static LlmFailure classify(Throwable error, boolean afterHeaders) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String detail = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    if (!afterHeaders && (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
        || cause instanceof UnresolvedAddressException || cause instanceof SSLException
        || cause.getCause() instanceof ConnectException || cause.getCause() instanceof UnresolvedAddressException)) {
      return new LlmFailure.Unreachable(Truncate.to(MAX_ERROR_MESSAGE_CHARS, detail));
    }
    if (cause instanceof IOException || afterHeaders) {
      return new LlmFailure.Disconnected(Truncate.to(MAX_ERROR_MESSAGE_CHARS, detail));
    }
    return new LlmFailure.BadResponse(Truncate.to(MAX_ERROR_MESSAGE_CHARS, detail));
  }

  /** The message of OpenAI-style {@code {"error":{"message":…}}}, Ollama's {@code {"error":"…"}}, or the raw body. */
  static String providerMessage(String body) {
    String text = body.strip();
    try {
      Json json = Json.parse(text);
      Json error = json.get("error");
      Optional<String> message = error.string()
          .or(() -> error.get("message").string())
          .or(() -> json.get("message").string())
          .or(() -> json.get("detail").string());
      if (message.isPresent()) {
        return Truncate.to(MAX_ERROR_MESSAGE_CHARS, message.get());
      }
    } catch (IllegalArgumentException notJson) {
      // plain text or HTML error page: quoted as is
    }
    return Truncate.to(MAX_ERROR_MESSAGE_CHARS, text);
  }

  /** Marks the subscription slot once aborted, so a late onSubscribe cancels at once. */
  private static final Flow.Subscription CANCELLED_SUBSCRIPTION = new Flow.Subscription() {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  };

  private final class LineSubscriber implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      if (!subscription.compareAndSet(null, s)) {
        s.cancel(); // aborted before the body started
        return;
      }
      s.request(1);
    }

    @Override
    public void onNext(String line) {
      queue.add(new Line(line));
    }

    @Override
    public void onError(Throwable error) {
      queue.add(new Broken(error));
    }

    @Override
    public void onComplete() {
      queue.add(new End());
    }
  }
}
