package dev.voicebot.app.runtime;

import dev.voicebot.app.call.BotCallHandler;
import dev.voicebot.app.call.CallLimits;
import dev.voicebot.app.call.CallMetrics;
import dev.voicebot.app.call.InferenceMeters;
import dev.voicebot.app.config.VoicebotProperties;
import dev.voicebot.app.demo.DemoOrders;
import dev.voicebot.app.dialplan.DialplanLoader;
import dev.voicebot.app.dialplan.DialplanRegistry;
import dev.voicebot.app.recordings.Recordings;
import dev.voicebot.app.console.LiveEvents;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.models.BundledModels;
import dev.voicebot.pipeline.brain.IntentMatchers;
import dev.voicebot.pipeline.conversation.ConversationListener;
import dev.voicebot.pipeline.conversation.ConversationSettings;
import dev.voicebot.pipeline.conversation.Engines;
import dev.voicebot.pipeline.conversation.PromptCache;
import dev.voicebot.pipeline.embedding.CachingEncoder;
import dev.voicebot.pipeline.embedding.MiniLmEncoder;
import dev.voicebot.pipeline.embedding.SentenceEncoder;
import dev.voicebot.pipeline.llm.LlmService;
import dev.voicebot.pipeline.lookup.HttpLookupClient;
import dev.voicebot.pipeline.lookup.LookupClient;
import dev.voicebot.pipeline.realtime.RealtimeEngines;
import dev.voicebot.pipeline.stt.VoskRecognizer;
import dev.voicebot.pipeline.tts.FestivalServer;
import dev.voicebot.pipeline.tts.FestivalSynthesizer;
import dev.voicebot.pipeline.tts.OpenAiSpeechSettings;
import dev.voicebot.pipeline.tts.OpenAiSpeechSynthesizer;
import dev.voicebot.pipeline.tts.SilenceTrimmingSynthesizer;
import dev.voicebot.pipeline.tts.SpeechSynthesizer;
import dev.voicebot.pipeline.tts.SynthesisException;
import dev.voicebot.pipeline.vad.SileroVad;
import dev.voicebot.rtp.MediaOptions;
import dev.voicebot.rtp.RtpBridge;
import dev.voicebot.rtp.RtpConfig;
import dev.voicebot.rtp.aec.EchoConfig;
import dev.voicebot.rtp.aec.NoiseSuppression;
import dev.voicebot.rtp.clock.MediaClock;
import dev.voicebot.rtp.jitter.JitterDelay;
import dev.voicebot.sip.DialogSettings;
import dev.voicebot.sip.SipConfig;
import dev.voicebot.sip.SipTransport;
import dev.voicebot.sip.SipUserAgent;
import dev.voicebot.sip.access.AccessPolicy;
import dev.voicebot.sip.tls.TlsSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.voicebot.pipeline.inference.InferenceLoad;
import dev.voicebot.pipeline.inference.InferencePool;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Builds the runtime. Spring destroys beans in reverse dependency order, so on shutdown the SIP
 * user agent (which says BYE to every call) goes first and the engines last.
 */
@Configuration(proxyBeanMethods = false)
public class VoicebotConfiguration {

  private static final Logger log = LoggerFactory.getLogger(VoicebotConfiguration.class);
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  DialplanRegistry dialplanRegistry(VoicebotProperties properties) {
    var config = properties.dialplans();
    return DialplanRegistry.load(config.directory(), config.defaultDialplan(), new DialplanLoader());
  }

  @Bean
  BundledModels bundledModels(VoicebotProperties properties) {
    return new BundledModels(properties.models().cacheDirectory(), VoicebotConfiguration.class.getClassLoader());
  }

  @Bean(destroyMethod = "close")
  SileroVad sileroVad(BundledModels models) {
    return new SileroVad(models.sileroModel());
  }

  @Bean(destroyMethod = "close")
  VoskRecognizer voskRecognizer(BundledModels models) {
    return new VoskRecognizer(models.voskModel());
  }

  /**
   * The sentence encoder for intent matching. Cached by text: the conversation assesses the same
   * partial words several times per turn, and the final transcript usually repeats the last one.
   */
  @Bean(destroyMethod = "close")
  SentenceEncoder sentenceEncoder(BundledModels models) {
    return new CachingEncoder(new MiniLmEncoder(models.sentenceEncoder()), 1024);
  }

  /** Every dialplan's intent matcher, its example phrases embedded now rather than on a first call. */
  @Bean
  IntentMatchers intentMatchers(SentenceEncoder encoder, DialplanRegistry dialplans) {
    var matchers = IntentMatchers.semantic(encoder);
    dialplans.all().values().forEach(loaded -> matchers.prepare(loaded.dialplan()));
    return matchers;
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "voicebot.tts.engine", havingValue = "festival", matchIfMissing = true)
  FestivalServer festivalServer(VoicebotProperties properties) throws IOException {
    var festival = properties.festival();
    return new FestivalServer(festival.command(), festival.port(), festival.timeout()).start();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "voicebot.tts.engine", havingValue = "festival", matchIfMissing = true)
  SpeechSynthesizer festivalSynthesizer(FestivalServer server, VoicebotProperties properties) {
    return new FestivalSynthesizer("127.0.0.1", server.port(), properties.festival().timeout());
  }

  /** An OpenAI-compatible /v1/audio/speech server instead of Festival. */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "voicebot.tts.engine", havingValue = "openai")
  SpeechSynthesizer openAiSynthesizer(VoicebotProperties properties) {
    var openai = properties.tts().openai();
    return new OpenAiSpeechSynthesizer(new OpenAiSpeechSettings(openai.baseUrl(), openai.model(), openai.voice(),
        Optional.ofNullable(openai.apiKeyEnv()).filter(s -> !s.isBlank()), openai.timeout(), openai.format()));
  }

  /** The calls' live inference lag and what was shed: admission reads it, metrics export it. */
  @Bean
  InferenceLoad inferenceLoad(MeterRegistry meters) {
    var load = new InferenceLoad();
    InferenceMeters.bind(load, meters);
    return load;
  }

  /**
   * CPU-bound speech recognition on platform threads, one per core, most urgent first (a caller
   * waiting for the answer before the partials of callers still talking), with a bounded queue.
   */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService inferencePool(VoicebotProperties properties, InferenceLoad load, MeterRegistry meters) {
    int threads = properties.calls().inferenceThreads() > 0 ? properties.calls().inferenceThreads() : CORES;
    var pool = new InferencePool(threads, 1024, Thread.ofPlatform().name("inference-", 0).daemon(true).factory(), load);
    meters.gauge("voicebot.inference.queued", pool, InferencePool::queued);
    return pool;
  }

  /** Every dialplan's fixed sentences, synthesized at start: the greeting plays without TTS delay.
   * Not closed itself: it only wraps the synthesizer, which has its own bean lifecycle. */
  @Bean(destroyMethod = "")
  PromptCache promptCache(SpeechSynthesizer tts, DialplanRegistry dialplans) throws SynthesisException {
    var cache = new PromptCache(new SilenceTrimmingSynthesizer(tts));
    for (var loaded : dialplans.all().values()) {
      cache.preload(loaded.dialplan());
    }
    return cache;
  }

  /** The OpenAI-compatible client for dialplans with an {@code llm:} block (idle otherwise). */
  @Bean(destroyMethod = "close")
  LlmService llmService() {
    return new LlmService();
  }

  @Bean
  Engines engines(SileroVad vad, VoskRecognizer stt, PromptCache tts, ExecutorService inferencePool, LlmService llm,
      IntentMatchers intents, LookupClient lookups, InferenceLoad load) {
    // Synthesis waits on Festival's processes (or a TTS server): virtual threads, never a core's thread.
    var synthesis = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("synthesis-", 0).factory());
    return new Engines(vad, stt, tts, inferencePool).withLlm(llm).withIntents(intents).withLookups(lookups)
        .withScheduling(synthesis, load);
  }

  /**
   * Scripted dialplans' HTTP lookups. A URL starting with / goes to this app's own server (the demo
   * orders), with the HTTP token when one is set; other hosts never see it.
   */
  @Bean
  LookupClient lookupClient(VoicebotProperties properties, Environment environment) {
    HttpClient http = HttpClient.newBuilder()
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .connectTimeout(Duration.ofSeconds(2))
        .build();
    String token = properties.http().token();
    Map<String, String> headers = token == null || token.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + token.strip());
    return new HttpLookupClient(http, () -> ownServer(environment), headers);
  }

  private static URI ownServer(Environment environment) {
    String address = environment.getProperty("server.address", "127.0.0.1");
    boolean wildcard = address.isBlank() || address.equals("0.0.0.0") || address.equals("::");
    String host = wildcard ? "127.0.0.1" : (address.contains(":") ? "[" + address + "]" : address);
    return URI.create("http://" + host + ":" + environment.getProperty("local.server.port", "8080"));
  }

  @Bean
  DemoOrders demoOrders(VoicebotProperties properties) {
    return new DemoOrders(properties.dialplans().directory());
  }

  /**
   * For dialplans with a {@code realtime:} block; the prompt cache speaks the goodbye at the call
   * limit (and the apology when a model is lost with no cascaded pipeline to take over).
   */
  @Bean
  RealtimeEngines realtimeEngines(PromptCache promptCache) {
    // An executor of its own: with the JDK's default (the common pool, one worker on 2 cores) any
    // unrelated work blocking that pool stalls the WebSocket handshake until the call falls back.
    HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    // Synthesis waits on Festival's processes: virtual threads, not the recognizers' core threads.
    var synthesis = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("realtime-synthesis-", 0).factory());
    return RealtimeEngines.of(http, Optional.of(promptCache), synthesis);
  }

  @Bean
  ConversationSettings conversationSettings(VoicebotProperties properties) {
    var c = properties.conversation();
    return new ConversationSettings(c.vadOnsetThreshold(), c.vadOffsetThreshold(), c.minSpeechForBargeIn(),
        c.endpointSilence(), c.shortEndpointSilence(), c.maxUtterance(), c.maxCallDuration());
  }

  @Bean(destroyMethod = "close")
  MediaClock mediaClock() {
    var clock = new MediaClock();
    clock.start();
    return clock;
  }

  @Bean(destroyMethod = "close")
  RtpBridge rtpBridge(VoicebotProperties properties, MediaClock mediaClock) throws IOException {
    var rtp = properties.rtp();
    var media = properties.media();
    var echo = media.echoCancellation()
        ? EchoConfig.DEFAULT.withTailMillis((int) media.echoTail().toMillis())
            .withBulkDelayMillis((int) media.echoDelay().toMillis())
        : EchoConfig.OFF;
    // Its own stage, after the echo path: on or off whatever echo cancellation does.
    var noise = media.noiseSuppression() ? NoiseSuppression.ON : NoiseSuppression.OFF;
    var jitter = new JitterDelay((int) media.jitterMinDelay().toMillis(), (int) media.jitterMaxDelay().toMillis());
    var options = MediaOptions.DEFAULTS.withEcho(echo).withRtcpInterval(media.rtcpInterval()).withJitter(jitter)
        .withNoise(noise).withAutoGain(media.autoGain());
    return new RtpBridge(new RtpConfig(InetAddress.getByName(rtp.bindAddress()), rtp.portMin(), rtp.portMax()),
        mediaClock, options);
  }

  @Bean
  ConversationListener conversationListener(CallRecordStore records, LiveEvents live, MeterRegistry meters) {
    return new RecordingConversationListener(records, live, meters);
  }

  @Bean
  BotCallHandler botCallHandler(VoicebotProperties properties, DialplanRegistry dialplans, RtpBridge rtpBridge,
      Engines engines, RealtimeEngines realtimeEngines, ConversationSettings settings, ConversationListener listener,
      CallRecordStore records, Recordings recordings, MeterRegistry meters, Clock clock) {
    var sip = properties.sip();
    InetAddress mediaAddress = AdvertisedAddress.resolve(sip.publicAddress(), properties.rtp().bindAddress());
    var calls = properties.calls();
    var limits = CallLimits.resolve(calls.maxConcurrent(), calls.capacityFile(), calls.maxInferenceLag(), CORES);
    log.info("Taking at most {} calls at once (from {}); fewer while speech recognition is over {} ms behind",
        limits.maxCalls(), limits.source(), limits.maxInferenceLag().toMillis());
    return new BotCallHandler(dialplans, rtpBridge, mediaAddress, engines, realtimeEngines, settings, listener, records, recordings, limits, calls.whenFull(),
        new CallMetrics(meters), clock, properties.bench().mediaOnly());
  }

  /** On shutdown the agent drains: new calls get 503, active ones may finish until the deadline. */
  @Bean(destroyMethod = "")
  SipUserAgent sipUserAgent(VoicebotProperties properties, BotCallHandler handler) throws Exception {
    var sip = properties.sip();
    var config = new SipConfig(
        sip.bindAddress(),
        sip.port(),
        sip.transports().stream().filter(t -> !t.equalsIgnoreCase("TLS"))
            .map(t -> SipTransport.valueOf(t.toUpperCase())).collect(Collectors.toSet()),
        AdvertisedAddress.resolve(sip.publicAddress(), sip.bindAddress()).getHostAddress(),
        sip.userAgent(),
        sip.codecs())
        .withAccess(new AccessPolicy(sip.access().allowedSources(), sip.access().challengeOthers(),
            sip.access().users(), sip.access().optionsFromAnyone()))
        .withRateLimits(sip.rateLimit().limits())
        .withSrtp(sip.srtp())
        .withCodecOrder(sip.codecOrder());
    // TLS listed among the transports means the same as tls.enabled: either way it needs its settings.
    if (sip.tls().enabled() || sip.transports().stream().anyMatch(t -> t.equalsIgnoreCase("TLS"))) {
      config = config.withTls(tlsSettings(sip.tls()));
    }
    // After TLS: a trunk's transport must be one the agent listens on.
    config = config.withTrunks(sip.trunks() == null ? List.of() : sip.trunks());
    var dialog = new DialogSettings(sip.sessionExpires(), sip.minSessionExpires(), sip.transferTimeout());
    var agent = new SipUserAgent(config, handler, dialog);
    agent.start();
    return agent;
  }

  private static TlsSettings tlsSettings(VoicebotProperties.Tls tls) {
    if (tls.keyStore() == null) {
      throw new IllegalArgumentException("SIP over TLS needs voicebot.sip.tls.key-store");
    }
    return new TlsSettings(tls.port(), tls.keyStore(), tls.keyStorePassword(), tls.keyStoreType(),
        Optional.ofNullable(tls.trustStore()), tls.trustStorePassword(), tls.trustStoreType(), tls.clientAuth(),
        tls.verifyHostname());
  }

  /** Requests the per-source rate limit stopped: 503s to trunks and allowlisted peers, drops of others. */
  @Bean
  MeterBinder sipRateLimitMeters(SipUserAgent agent) {
    return meters -> {
      FunctionCounter.builder("voicebot.sip.rate.limited", agent, a -> a.rateLimited().refused())
          .description("new requests over the per-source rate limit").tag("action", "refused")
          .register(meters);
      FunctionCounter.builder("voicebot.sip.rate.limited", agent, a -> a.rateLimited().dropped())
          .description("new requests over the per-source rate limit").tag("action", "dropped")
          .register(meters);
    };
  }

  /**
   * The media clock's pacing: its ticks, those that ended 5 ms or more after their deadline (the
   * last packet of the tick that far off the 20 ms grid: a CPU short of time), and those skipped.
   */
  @Bean
  MeterBinder mediaClockMeters(MediaClock clock) {
    return meters -> {
      FunctionCounter.builder("voicebot.media.clock.ticks", clock, MediaClock::ticks)
          .description("media clock ticks (one every 20 ms; its lanes send every call's packet)").register(meters);
      FunctionCounter.builder("voicebot.media.clock.ticks.late", clock, c -> c.lateness().atLeastMillis(5))
          .description("media clock lane ticks that ended 5 ms or more after their deadline").register(meters);
      FunctionCounter.builder("voicebot.media.clock.ticks.skipped", clock, MediaClock::skippedTicks)
          .description("media clock lane ticks skipped after a lane fell more than 3 ticks behind").register(meters);
    };
  }

  @Bean
  SipShutdown sipShutdown(SipUserAgent agent, VoicebotProperties properties) {
    return new SipShutdown(agent, properties.sip().drainTimeout());
  }
}
