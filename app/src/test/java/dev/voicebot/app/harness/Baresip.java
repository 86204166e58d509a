package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * baresip, a real softphone, run headless as a caller: it plays a WAV file as its microphone and
 * records what it hears ({@code dump-*-dec.wav}) through the sndfile module.
 */
public final class Baresip {

  private final Path home;

  public Baresip(Path home) {
    this.home = home;
  }

  /**
   * What a call adds to the plain setup: more config lines (modules, TLS files) and account
   * parameters, e.g. {@code ;mediaenc=srtp-mand}.
   *
   * @param accountUriParams appended to the account's SIP URI inside the angle brackets, e.g.
   *     {@code ;transport=tls}
   */
  public record Options(List<String> configLines, String accountUriParams, String accountParams) {

    public static final Options NONE = new Options(List.of(), "", "");

    public Options {
      configLines = List.copyOf(configLines);
    }

    /** SDES SRTP: {@code srtp} offers RTP/AVP with a=crypto (best effort), {@code srtp-mand} RTP/SAVP. */
    public Options withMediaEncryption(String mediaenc) {
      var lines = new java.util.ArrayList<>(configLines);
      lines.add("module srtp.so");
      return new Options(lines, accountUriParams, accountParams + ";mediaenc=" + mediaenc);
    }

    /** Calls go over TLS, trusting the server certificate in {@code caPem}. */
    public Options overTls(Path caPem) {
      var lines = new java.util.ArrayList<>(configLines);
      lines.add("sip_cafile " + caPem);
      return new Options(lines, accountUriParams + ";transport=tls", accountParams);
    }
  }

  /**
   * Calls {@code target}, speaking {@code microphone}, and quits after
   * {@code duration}; returns what it heard, if it recorded anything.
   *
   * @param codec what baresip offers, as its {@code audio_codecs} account parameter: one codec
   *     or a comma-separated list in its order of preference. Names without a rate mean 8000 Hz
   *     mono, so the wideband ones need baresip's own rate: {@code G722/16000/1} (it still writes
   *     {@code G722/8000} in SDP) and {@code opus/48000/2}; an unknown one is dropped with
   *     "audio codec not found" and baresip then offers all it has.
   * @param microphone mono 16-bit WAV; baresip captures at its sample rate. Give wideband codecs
   *     a 16 kHz file: baresip 1.0's own 8 to 16 kHz resampler garbles speech (measured: Vosk
   *     hears "what a lot of on the know" for "what are your opening hours" in a G.722 call, in
   *     the RTP it sent, decoded by spandsp).
   */
  public Optional<WavFile> call(String target, Path microphone, int sipPort, String codec, Duration duration)
      throws IOException, InterruptedException {
    return call(target, microphone, sipPort, codec, duration, Options.NONE);
  }

  /** As {@link #call(String, Path, int, String, Duration)}, with extra setup. */
  public Optional<WavFile> call(String target, Path microphone, int sipPort, String codec, Duration duration,
      Options options) throws IOException, InterruptedException {
    Files.createDirectories(home);
    int microphoneRate = WavFile.read(microphone).sampleRate();
    Files.writeString(home.resolve("config"), String.join("\n",
        "poll_method epoll",
        "sip_listen 127.0.0.1:" + sipPort,
        "net_interface 127.0.0.1",
        "audio_source aufile," + microphone,
        "audio_player aufile," + home.resolve("speaker.wav"),
        "audio_alert aufile," + home.resolve("alert.wav"),
        "ausrc_srate " + microphoneRate,
        "auplay_srate 8000",
        "ausrc_channels 1",
        "auplay_channels 1",
        "rtp_ports 27000-27099",
        "snd_path " + home,
        "module_path /usr/lib/baresip/modules",
        "module g711.so",
        "module g722.so",
        "module opus.so",
        "module aufile.so",
        "module sndfile.so",
        "module_app menu.so",
        "module_app account.so",
        String.join("\n", options.configLines()),
        ""));
    Files.writeString(home.resolve("accounts"),
        "<sip:caller@127.0.0.1:" + sipPort + options.accountUriParams() + ">;regint=0;audio_codecs=" + codec
            + options.accountParams() + "\n");
    Files.writeString(home.resolve("contacts"), "");
    var command = List.of("timeout", "-k", "5", Long.toString(duration.toSeconds() + 20),
        "baresip", "-f", home.toString(), "-e", "/dial " + target, "-t", Long.toString(duration.toSeconds()));
    try (var process = ManagedProcess.start("baresip", command, home)) {
      process.waitFor(duration.plusSeconds(25));
    }
    try (Stream<Path> files = Files.list(home)) {
      Optional<Path> heard = files.filter(f -> f.getFileName().toString().matches("dump-.*-dec\\.wav")).findFirst();
      return heard.isPresent() ? Optional.of(WavFile.read(heard.get())) : Optional.empty();
    }
  }

  public String log() throws IOException {
    Path log = home.resolve("baresip.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
