package dev.voicebot.app.config;

import dev.voicebot.app.call.WhenFull;
import dev.voicebot.sip.access.RateLimit;
import dev.voicebot.sip.access.RateLimits;
import dev.voicebot.sip.sdp.CodecOrder;
import java.nio.file.Path;
import java.time.Duration;
import dev.voicebot.sip.register.TrunkConfig;
import dev.voicebot.sip.sdp.SrtpMode;
import dev.voicebot.sip.tls.ClientAuth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Every {@code voicebot.*} setting; application.yaml documents each one. */
@ConfigurationProperties("voicebot")
public record VoicebotProperties(
    @DefaultValue Sip sip,
    @DefaultValue Rtp rtp,
    @DefaultValue Media media,
    @DefaultValue Dialplans dialplans,
    @DefaultValue Festival festival,
    @DefaultValue Tts tts,
    @DefaultValue Models models,
    @DefaultValue Calls calls,
    @DefaultValue Conversation conversation,
    @DefaultValue Http http,
    @DefaultValue Records records,
    @DefaultValue Recordings recordings,
    @DefaultValue Bench bench,
    @DefaultValue Instance instance) {

  /**
   * Benchmark modes. {@code mediaOnly}: every call is answered by an echo (the caller's audio back
   * after 200 ms) instead of its dialplan's bot, so the media plane's cost per call can be measured
   * alone ({@code scripts/bench-capacity.sh}). Never for production: callers get no bot.
   */
  public record Bench(@DefaultValue("false") boolean mediaOnly) {}

  /**
   * This app instance's name in the call records it writes, so that several instances sharing one
   * database tell their calls apart (and each closes only its own calls left open by a crash).
   * Empty: the host name, SIP address and port.
   */
  public record Instance(@DefaultValue("") String id) {}

  /**
   * Call records in the database ({@code spring.datasource.*}): calls that started longer than
   * {@code retention} ago are deleted (0: kept forever), checked every {@code cleanupInterval}.
   */
  public record Records(
      @DefaultValue("90d") Duration retention,
      @DefaultValue("1h") Duration cleanupInterval) {}

  /**
   * Call recordings: when {@code enabled}, calls whose dialplan says {@code recording: true} are
   * recorded into {@code directory}; files older than {@code retention} are deleted (0: kept).
   */
  public record Recordings(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("var/recordings") Path directory,
      @DefaultValue("30d") Duration retention) {}

  /**
   * The HTTP API and actuator. {@code server.address} (loopback by default) says where it listens;
   * any other address needs {@code token}, which every request but {@code /actuator/health} must
   * then carry as {@code Authorization: Bearer <token>} (also required on loopback when set).
   */
  public record Http(@DefaultValue("") String token) {

    /** The token stays out of logs and actuator output. */
    @Override
    public String toString() {
      return "Http[token=" + (token == null || token.isBlank() ? "none" : "***") + "]";
    }
  }

  public record Sip(
      @DefaultValue("0.0.0.0") String bindAddress,
      @DefaultValue("5060") int port,
      @DefaultValue({"UDP", "TCP"}) Set<String> transports,
      @DefaultValue("") String publicAddress,
      @DefaultValue("voicebot/0.1") String userAgent,
      @DefaultValue({"PCMU", "PCMA", "G722", "opus"}) List<String> codecs,
      @DefaultValue("caller") CodecOrder codecOrder,
      @DefaultValue("30m") Duration sessionExpires,
      @DefaultValue("90s") Duration minSessionExpires,
      @DefaultValue("30s") Duration transferTimeout,
      @DefaultValue("30s") Duration drainTimeout,
      List<TrunkConfig> trunks,
      @DefaultValue Access access,
      @DefaultValue Rate rateLimit,
      @DefaultValue Tls tls,
      @DefaultValue("when-offered") SrtpMode srtp) {}

  /** SIP over TLS on a port of its own; see {@link dev.voicebot.sip.tls.TlsSettings}. */
  public record Tls(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("5061") int port,
      Path keyStore,
      @DefaultValue("") String keyStorePassword,
      @DefaultValue("PKCS12") String keyStoreType,
      Path trustStore,
      @DefaultValue("") String trustStorePassword,
      @DefaultValue("PKCS12") String trustStoreType,
      @DefaultValue("none") ClientAuth clientAuth,
      @DefaultValue("true") boolean verifyHostname) {

    /** Passwords stay out of logs and actuator output. */
    @Override
    public String toString() {
      return "Tls[enabled=" + enabled + ", port=" + port + ", keyStore=" + keyStore + ", trustStore="
          + trustStore + ", clientAuth=" + clientAuth + ", verifyHostname=" + verifyHostname
          + ", passwords redacted]";
    }
  }

  /** Who may reach the bot; see {@link dev.voicebot.sip.access.AccessPolicy}. */
  public record Access(
      List<String> allowedSources,
      @DefaultValue("false") boolean challengeOthers,
      Map<String, String> users,
      @DefaultValue("true") boolean optionsFromAnyone) {

    /** Names the users, never their passwords. */
    @Override
    public String toString() {
      return "Access[allowedSources=" + allowedSources + ", challengeOthers=" + challengeOthers + ", users="
          + (users == null ? "[]" : users.keySet()) + ", optionsFromAnyone=" + optionsFromAnyone + "]";
    }
  }

  /**
   * New requests (outside known dialogs) per second and burst allowed from one source address:
   * {@code perSecond}/{@code burst} for sources that are neither a trunk's nor allowlisted, the
   * {@code trusted*} pair for those; see {@link dev.voicebot.sip.access.RateLimits}.
   *
   * @param trustedPerSecond 0: no limit for trunks and allowlisted sources
   * @param trustedBurst 0: twice {@code trustedPerSecond}
   */
  public record Rate(
      @DefaultValue("20") double perSecond,
      @DefaultValue("40") int burst,
      @DefaultValue("10000") int maxSources,
      @DefaultValue("0") double trustedPerSecond,
      @DefaultValue("0") int trustedBurst) {

    public RateLimits limits() {
      Optional<RateLimit> trusted = trustedPerSecond <= 0
          ? Optional.empty()
          : Optional.of(new RateLimit(trustedPerSecond,
              trustedBurst > 0 ? trustedBurst : (int) Math.max(1, Math.ceil(2 * trustedPerSecond)), maxSources));
      return new RateLimits(new RateLimit(perSecond, burst, maxSources), trusted);
    }
  }

  public record Rtp(
      @DefaultValue("0.0.0.0") String bindAddress,
      @DefaultValue("20000") int portMin,
      @DefaultValue("20999") int portMax) {}

  public record Media(
      @DefaultValue("true") boolean echoCancellation,
      @DefaultValue("128ms") Duration echoTail,
      @DefaultValue("0ms") Duration echoDelay,
      @DefaultValue("false") boolean noiseSuppression,
      @DefaultValue("true") boolean autoGain,
      @DefaultValue("5s") Duration rtcpInterval,
      @DefaultValue("20ms") Duration jitterMinDelay,
      @DefaultValue("120ms") Duration jitterMaxDelay) {}

  public record Dialplans(
      @DefaultValue("dialplans") Path directory,
      @DefaultValue("demo") String defaultDialplan) {}

  public record Festival(
      @DefaultValue("festival") String command,
      @DefaultValue("1314") int port,
      @DefaultValue("10s") Duration timeout) {}

  /** Which text-to-speech engine speaks: the embedded Festival, or an OpenAI-compatible server. */
  public record Tts(
      @DefaultValue("festival") String engine,
      @DefaultValue OpenAiTts openai) {}

  public record OpenAiTts(
      @DefaultValue("http://127.0.0.1:8880") java.net.URI baseUrl,
      @DefaultValue("tts-1") String model,
      @DefaultValue("alloy") String voice,
      @DefaultValue("") String apiKeyEnv,
      @DefaultValue("5s") Duration timeout,
      @DefaultValue("wav") String format) {}

  public record Models(@DefaultValue("${user.home}/.cache/voicebot/models") Path cacheDirectory) {}

  /**
   * @param maxConcurrent the call limit; 0: from {@code capacityFile}, else 8 per core
   * @param capacityFile the calibration the capacity benchmark writes ({@code max-concurrent-calls=N})
   * @param maxInferenceLag while the calls' speech recognition is this far behind, new calls are
   *     refused like calls beyond the limit; 0 turns the check off
   */
  public record Calls(
      @DefaultValue("0") int maxConcurrent,
      @DefaultValue("unavailable") WhenFull whenFull,
      @DefaultValue("0") int inferenceThreads,
      java.nio.file.Path capacityFile,
      @DefaultValue("1s") Duration maxInferenceLag) {}

  public record Conversation(
      @DefaultValue("0.5") float vadOnsetThreshold,
      @DefaultValue("0.35") float vadOffsetThreshold,
      @DefaultValue("60ms") Duration minSpeechForBargeIn,
      @DefaultValue("500ms") Duration endpointSilence,
      @DefaultValue("200ms") Duration shortEndpointSilence,
      @DefaultValue("15s") Duration maxUtterance,
      @DefaultValue("10m") Duration maxCallDuration) {}
}
