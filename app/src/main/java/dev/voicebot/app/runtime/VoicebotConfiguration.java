package dev.voicebot.app.runtime;

import dev.voicebot.app.call.BotCallHandler;
import dev.voicebot.app.call.CallMetrics;
import dev.voicebot.app.config.VoicebotProperties;
import dev.voicebot.app.dialplan.DialplanLoader;
import dev.voicebot.app.dialplan.DialplanRegistry;
import dev.voicebot.models.BundledModels;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.pipeline.conversation.ConversationListener;
import dev.voicebot.pipeline.conversation.ConversationSettings;
import dev.voicebot.pipeline.conversation.Engines;
import dev.voicebot.pipeline.conversation.PromptCache;
import dev.voicebot.pipeline.stt.VoskRecognizer;
import dev.voicebot.pipeline.tts.FestivalServer;
import dev.voicebot.pipeline.tts.FestivalSynthesizer;
import dev.voicebot.pipeline.tts.SynthesisException;
import dev.voicebot.pipeline.vad.SileroVad;
import dev.voicebot.rtp.RtpBridge;
import dev.voicebot.rtp.MediaOptions;
import dev.voicebot.rtp.RtpConfig;
import dev.voicebot.rtp.aec.EchoConfig;
import dev.voicebot.rtp.clock.MediaClock;
import dev.voicebot.sip.SipConfig;
import dev.voicebot.sip.SipTransport;
import dev.voicebot.sip.SipUserAgent;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the runtime. Spring destroys beans in reverse dependency order, so on shutdown the SIP
 * user agent (which says BYE to every call) goes first and the engines last.
 */
@Configuration(proxyBeanMethods = false)
public class VoicebotConfiguration {

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

  @Bean(destroyMethod = "close")
  FestivalServer festivalServer(VoicebotProperties properties) throws IOException {
    var festival = properties.festival();
    return new FestivalServer(festival.command(), festival.port(), festival.timeout()).start();
  }

  @Bean(destroyMethod = "close")
  FestivalSynthesizer festivalSynthesizer(FestivalServer server, VoicebotProperties properties) {
    return new FestivalSynthesizer("127.0.0.1", server.port(), properties.festival().timeout());
  }

  /** CPU-bound inference (VAD, STT, TTS) on platform threads, one per core, with a bounded queue. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService inferencePool(VoicebotProperties properties) {
    int threads = properties.calls().inferenceThreads() > 0 ? properties.calls().inferenceThreads() : CORES;
    return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
        Thread.ofPlatform().name("inference-", 0).daemon(true).factory(),
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** Every dialplan's fixed sentences, synthesized at start: the greeting plays without TTS delay.
   * Not closed itself: it only wraps the synthesizer, which has its own bean lifecycle. */
  @Bean(destroyMethod = "")
  PromptCache promptCache(FestivalSynthesizer tts, DialplanRegistry dialplans) throws SynthesisException {
    var cache = new PromptCache(tts);
    for (var loaded : dialplans.all().values()) {
      cache.preload(loaded.dialplan());
    }
    return cache;
  }

  @Bean
  Engines engines(SileroVad vad, VoskRecognizer stt, PromptCache tts, ExecutorService inferencePool) {
    return new Engines(vad, stt, tts, inferencePool);
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
            .withPreprocess(media.noiseSuppression())
        : EchoConfig.OFF;
    var options = MediaOptions.DEFAULTS.withEcho(echo).withRtcpInterval(media.rtcpInterval());
    return new RtpBridge(new RtpConfig(InetAddress.getByName(rtp.bindAddress()), rtp.portMin(), rtp.portMax()),
        mediaClock, options);
  }

  @Bean
  CallRecordStore callRecordStore(Clock clock) {
    return new CallRecordStore(500, clock);
  }

  @Bean
  ConversationListener conversationListener(CallRecordStore records, MeterRegistry meters) {
    return new RecordingConversationListener(records, meters);
  }

  @Bean
  BotCallHandler botCallHandler(VoicebotProperties properties, DialplanRegistry dialplans, RtpBridge rtpBridge,
      Engines engines, ConversationSettings settings, ConversationListener listener, CallRecordStore records,
      MeterRegistry meters, Clock clock) {
    var sip = properties.sip();
    InetAddress mediaAddress = AdvertisedAddress.resolve(sip.publicAddress(), properties.rtp().bindAddress());
    int maxCalls = properties.calls().maxConcurrent() > 0 ? properties.calls().maxConcurrent() : 2 * CORES;
    return new BotCallHandler(dialplans, rtpBridge, mediaAddress, engines, settings, listener, records, maxCalls,
        new CallMetrics(meters), clock);
  }

  @Bean(destroyMethod = "close")
  SipUserAgent sipUserAgent(VoicebotProperties properties, BotCallHandler handler) throws Exception {
    var sip = properties.sip();
    var config = new SipConfig(
        sip.bindAddress(),
        sip.port(),
        sip.transports().stream().map(t -> SipTransport.valueOf(t.toUpperCase())).collect(Collectors.toSet()),
        AdvertisedAddress.resolve(sip.publicAddress(), sip.bindAddress()).getHostAddress(),
        sip.userAgent(),
        sip.codecs(),
        sip.codecOrder());
    var agent = new SipUserAgent(config, handler);
    agent.start();
    return agent;
  }
}
