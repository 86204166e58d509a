package dev.voicebot.pipeline.llm;

import dev.voicebot.pipeline.dialplan.WebhookTool;
import dev.voicebot.pipeline.text.Truncate;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Calls dialplan webhook tools: the model's arguments go as the JSON body, the response body
 * (truncated, so a chatty endpoint cannot flood the model's context) comes back as the tool
 * result. Errors and timeouts become error results the model can talk about, never exceptions.
 */
public final class WebhookClient {

  static final int MAX_RESULT_CHARS = 2000;
  private static final int MAX_ERROR_CHARS = 300;

  private final HttpClient http;

  public WebhookClient(HttpClient http) {
    this.http = http;
  }

  /** A webhook call in flight. */
  public interface Call {
    /** Abandons it: the connection is dropped and no result is delivered. */
    void cancel();
  }

  /** Starts the call on a virtual thread; {@code done} gets exactly one result unless cancelled. */
  public Call call(WebhookTool tool, String argumentsJson, Consumer<WebhookResult> done) {
    HttpRequest request = HttpRequest.newBuilder(tool.url())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/plain")
        .timeout(tool.timeout())
        .method(tool.method(), HttpRequest.BodyPublishers.ofString(argumentsJson))
        .build();
    CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    // Only the caller's cancel() silences the result: a timeout cancels the exchange too, and that
    // result must still be delivered, or the turn would wait for it forever.
    AtomicBoolean abandoned = new AtomicBoolean();
    Thread.ofVirtual().name("webhook-" + tool.name()).start(() -> {
      WebhookResult result = await(tool, exchange);
      if (!abandoned.get()) {
        done.accept(result);
      }
    });
    return () -> {
      abandoned.set(true);
      exchange.cancel(true);
    };
  }

  private static WebhookResult await(WebhookTool tool, CompletableFuture<HttpResponse<String>> exchange) {
    try {
      HttpResponse<String> response = exchange.get(tool.timeout().toMillis(), TimeUnit.MILLISECONDS);
      String body = response.body() == null ? "" : response.body();
      if (response.statusCode() / 100 == 2) {
        return new WebhookResult(true, body.isBlank() ? "OK (no content)" : Truncate.to(MAX_RESULT_CHARS, body));
      }
      return new WebhookResult(false, "Error: the tool answered HTTP " + response.statusCode()
          + (body.isBlank() ? "" : ": " + Truncate.to(MAX_ERROR_CHARS, body)));
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return new WebhookResult(false, "Error: the tool did not answer within " + tool.timeout().toMillis() + " ms.");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String kind = cause instanceof java.net.http.HttpTimeoutException
          ? "did not answer within " + tool.timeout().toMillis() + " ms"
          : "could not be reached (" + cause.getClass().getSimpleName() + ")";
      return new WebhookResult(false, "Error: the tool " + kind + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.cancel(true);
      return new WebhookResult(false, "Error: the tool call was interrupted.");
    } catch (java.util.concurrent.CancellationException e) {
      return new WebhookResult(false, "Error: the tool call was cancelled.");
    }
  }
}
