package dev.voicebot.pipeline.tts;

import dev.voicebot.pipeline.json.Json;
import dev.voicebot.pipeline.realtime.Resampler;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Synthesizes through an OpenAI-compatible {@code POST /v1/audio/speech} server (OpenAI, Kokoro-FastAPI,
 * openedai-speech, LocalAI, ...), asking for {@code wav} or raw {@code pcm} and resampling to 16 kHz.
 *
 * <p>One request per sentence over a shared {@link HttpClient}; thread-safe. The timeout bounds the
 * whole call including reading the audio, not just the response headers. The API key is read once
 * from the environment variable the settings name; it is sent only in the {@code Authorization}
 * header and never appears in exception messages, logs or {@link #toString()} (a provider error that
 * echoes it back is scrubbed).
 */
public final class OpenAiSpeechSynthesizer implements SpeechSynthesizer {

  /** OpenAI's {@code pcm} format: raw 24 kHz mono 16-bit little-endian samples. */
  static final int PCM_RATE = 24_000;
  /** How much of a provider's error message an exception quotes. */
  static final int MAX_ERROR_CHARS = 200;

  private final OpenAiSpeechSettings settings;
  private final URI endpoint;
  private final Optional<String> apiKey;
  private final HttpClient client;
  private volatile boolean closed;

  /** Reads the API key (if the settings name a variable) from the process environment. */
  public OpenAiSpeechSynthesizer(OpenAiSpeechSettings settings) {
    this(settings, System::getenv);
  }

  /**
   * @throws IllegalArgumentException if the settings name an API key variable that is unset or blank
   */
  OpenAiSpeechSynthesizer(OpenAiSpeechSettings settings, Function<String, String> environment) {
    this.settings = settings;
    this.endpoint = settings.speechUri();
    this.apiKey = settings.apiKeyEnv().map(name -> {
      String value = environment.apply(name);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("environment variable " + name + " (the speech server's API key) is not set");
      }
      return value.strip();
    });
    this.client = HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        // Plain http would otherwise offer an h2c upgrade that some small TTS servers mishandle.
        .version("https".equalsIgnoreCase(endpoint.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public short[] synthesize(String text) throws SynthesisException {
    if (closed) {
      throw new SynthesisException("synthesizer is closed");
    }
    if (text == null || text.isBlank()) {
      return new short[0];
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
        .timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(requestBody(text), StandardCharsets.UTF_8));
    apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));

    HttpResponse<byte[]> response = send(request.build());
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new SynthesisException(where() + " answered HTTP " + status + providerMessage(response.body()));
    }
    return decode(response);
  }

  String requestBody(String text) {
    return Json.object(
            "model", settings.model(),
            "input", text,
            "voice", settings.voice(),
            "response_format", settings.format())
        .toJson();
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws SynthesisException {
    long timeoutNanos = settings.timeout().toNanos();
    CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      // The request timeout only covers the headers; this bounds reading the body as well.
      return call.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw timedOut(e);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new SynthesisException("interrupted while waiting for " + where(), e);
    } catch (CancellationException e) {
      throw new SynthesisException("request to " + where() + " was cancelled", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw timedOut(cause);
      }
      String what = cause instanceof ConnectException ? "cannot connect to " : "request failed to ";
      throw new SynthesisException(what + where() + ": " + scrub(String.valueOf(cause.getMessage())), cause);
    }
  }

  private short[] decode(HttpResponse<byte[]> response) throws SynthesisException {
    byte[] body = response.body();
    String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (contentType.startsWith("application/json") || contentType.startsWith("text/")) {
      throw new SynthesisException(where() + " sent " + contentType + " instead of audio" + providerMessage(body));
    }
    int rate;
    short[] samples;
    if (OpenAiSpeechSettings.PCM.equals(settings.format())) {
      if (body.length % 2 != 0) {
        throw new SynthesisException(where() + " sent " + body.length + " bytes of pcm, not whole 16-bit samples");
      }
      samples = new short[body.length / 2];
      ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
      rate = PCM_RATE;
    } else {
      RiffWav.Mono16 wav = RiffWav.mono16(body, 0, body.length, where());
      samples = wav.samples();
      rate = wav.rate();
    }
    if (samples.length == 0) {
      throw new SynthesisException(where() + " sent no audio");
    }
    return to16k(samples, rate);
  }

  /**
   * Resamples a whole utterance to 16 kHz with the realtime bridge's polyphase filter, compensating
   * its delay so the output lines up with the input and has {@code round(n * 16000 / rate)} samples.
   */
  static short[] to16k(short[] samples, int rate) throws SynthesisException {
    if (rate == RiffWav.RATE) {
      return samples;
    }
    Resampler resampler;
    try {
      resampler = Resampler.of(rate, RiffWav.RATE);
    } catch (IllegalArgumentException e) {
      throw new SynthesisException(
          "cannot resample " + rate + " Hz speech to 16 kHz (" + e.getMessage() + "); configure the server for 24000 or 48000 Hz", e);
    }
    double delay = resampler.delayInOutputSamples();
    int skip = (int) Math.round(delay);
    int wanted = (int) Math.round((double) samples.length * RiffWav.RATE / rate);
    // Flush the filter's tail with silence so the last input samples come out too.
    int tail = (int) Math.ceil((delay + 2) * rate / RiffWav.RATE);
    short[] padded = Arrays.copyOf(samples, samples.length + tail);
    short[] out = resampler.process(padded);
    int available = Math.max(0, out.length - skip);
    return Arrays.copyOfRange(out, skip, skip + Math.min(wanted, available));
  }

  /** The provider's error message, if any: OpenAI's {@code error.message}, else the body, truncated. */
  private String providerMessage(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, 0, Math.min(body.length, 64 * 1024), StandardCharsets.UTF_8);
    String message = text;
    try {
      Json json = Json.parse(text);
      Json error = json.get("error");
      message = error.get("message").string()
          .or(() -> error.string())
          .or(() -> json.get("detail").string())
          .or(() -> json.get("message").string())
          .orElse(text);
    } catch (IllegalArgumentException notJson) {
      // plain text or HTML: quote it as it is
    }
    message = scrub(message).replaceAll("\\s+", " ").strip();
    if (message.isEmpty()) {
      return "";
    }
    if (message.length() > MAX_ERROR_CHARS) {
      message = message.substring(0, MAX_ERROR_CHARS) + "...";
    }
    return ": " + message;
  }

  /** Removes the API key from text that came from the network (a server may echo the request). */
  private String scrub(String text) {
    return apiKey.map(key -> text.replace(key, "***")).orElse(text);
  }

  private SynthesisException timedOut(Throwable cause) {
    return new SynthesisException(where() + " did not answer within " + settings.timeout(), cause);
  }

  private String where() {
    return "the speech server at " + endpoint;
  }

  /** Stops accepting requests and aborts those in flight. */
  @Override
  public void close() {
    closed = true;
    client.shutdownNow();
  }

  @Override
  public String toString() {
    return "OpenAiSpeechSynthesizer[" + endpoint + ", model " + settings.model() + ", voice " + settings.voice()
        + ", " + settings.format() + (apiKey.isPresent() ? ", key from $" + settings.apiKeyEnv().get() : "") + "]";
  }
}
