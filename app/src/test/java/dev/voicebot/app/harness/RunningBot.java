package dev.voicebot.app.harness;

import dev.voicebot.app.VoicebotApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole app, started in-process on loopback ports of its own, as a test or the benchmark
 * talks to it: real SIP, real RTP, real models.
 */
public final class RunningBot implements AutoCloseable {

  public static final Path REPO = Path.of(System.getProperty("voicebot.repo", "..")).toAbsolutePath().normalize();

  private final ConfigurableApplicationContext context;
  private final int sipPort;
  private final int rtpMin;
  private final int rtpMax;

  private RunningBot(ConfigurableApplicationContext context, int sipPort, int rtpMin, int rtpMax) {
    this.context = context;
    this.sipPort = sipPort;
    this.rtpMin = rtpMin;
    this.rtpMax = rtpMax;
  }

  /**
   * Starts the bot with the repository's dialplans plus {@code extraDialplans} (file name to
   * YAML), on SIP port {@code sipPort} and RTP ports {@code rtpMin..rtpMin+199}.
   */
  public static RunningBot start(Path workDir, int sipPort, int rtpMin, Map<String, String> extraDialplans,
      Map<String, Object> extraProperties) throws IOException {
    return start(workDir, sipPort, rtpMin, rtpMin + 199, extraDialplans, extraProperties);
  }

  /** {@link #start(Path, int, int, Map, Map)} on RTP ports {@code rtpMin..rtpMax} (two per call). */
  public static RunningBot start(Path workDir, int sipPort, int rtpMin, int rtpMax, Map<String, String> extraDialplans,
      Map<String, Object> extraProperties) throws IOException {
    Path dialplans = workDir.resolve("dialplans");
    Files.createDirectories(dialplans);
    try (var files = Files.list(REPO.resolve("dialplans"))) {
      for (Path f : files.toList()) {
        Files.copy(f, dialplans.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    for (var e : extraDialplans.entrySet()) {
      Files.writeString(dialplans.resolve(e.getKey()), e.getValue());
    }
    var properties = new java.util.HashMap<String, Object>(Map.of(
        "voicebot.sip.bind-address", "127.0.0.1",
        "voicebot.sip.port", sipPort,
        "voicebot.sip.public-address", "127.0.0.1",
        "voicebot.rtp.bind-address", "127.0.0.1",
        "voicebot.rtp.port-min", rtpMin,
        "voicebot.rtp.port-max", rtpMax,
        "voicebot.dialplans.directory", dialplans.toString(),
        "voicebot.festival.port", freeTcpPort(),
        "voicebot.models.cache-directory", REPO.resolve("app/target/models-cache").toString(),
        "server.port", 0));
    properties.put("voicebot.sip.drain-timeout", "1s");
    // Records and recordings in the work directory: each test its own database, kept across a
    // restart of the bot on the same directory.
    properties.put("spring.datasource.url", h2Url(workDir));
    properties.put("voicebot.recordings.directory", workDir.resolve("recordings").toString());
    properties.putAll(extraProperties);
    // As command-line arguments: they override application.yaml (default properties would not).
    String[] args = properties.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    var context = new SpringApplicationBuilder(VoicebotApplication.class).run(args);
    return new RunningBot(context, sipPort, rtpMin, rtpMax);
  }

  /** The embedded database of a bot started on {@code workDir}. */
  public static String h2Url(Path workDir) {
    return "jdbc:h2:file:" + workDir.toAbsolutePath().resolve("records/voicebot") + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  /** A GET on the bot's HTTP API, e.g. {@code /api/calls?limit=5}. */
  public java.net.http.HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
    try (var client = java.net.http.HttpClient.newHttpClient()) {
      return client.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + httpPort() + pathAndQuery))
          .timeout(java.time.Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  /** A POST without a body on the bot's HTTP API, e.g. {@code /api/drain}. */
  public java.net.http.HttpResponse<String> post(String path) throws IOException, InterruptedException {
    try (var client = java.net.http.HttpClient.newHttpClient()) {
      return client.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + httpPort() + path))
          .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
          .timeout(java.time.Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Whether the app is still up (a drain ends with the app closing itself). */
  public boolean isRunning() {
    return context.isActive();
  }

  /** Festival listens on TCP; a port the OS just handed out is free (tests run one at a time). */
  private static int freeTcpPort() throws IOException {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * The call records once {@code calls} of them have ended (a record ends a moment after the
   * call's BYE), or as they are when {@code limit} has passed.
   */
  public java.util.List<dev.voicebot.app.records.CallRecord> recordsOnceEnded(int calls, java.time.Duration limit)
      throws InterruptedException {
    var store = bean(dev.voicebot.app.records.CallRecordStore.class);
    long deadline = System.nanoTime() + limit.toNanos();
    while (store.list().stream().filter(r -> r.endedAt() != null).count() < calls && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return store.list();
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public int sipPort() {
    return sipPort;
  }

  public int rtpMin() {
    return rtpMin;
  }

  public int rtpMax() {
    return rtpMax;
  }

  public int httpPort() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
  }

  @Override
  public void close() {
    context.close();
  }
}
