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
   * Calls {@code target}, speaking {@code microphone} (8 kHz mono WAV), and quits after
   * {@code duration}; returns what it heard, if it recorded anything.
   */
  public Optional<WavFile> call(String target, Path microphone, int sipPort, String codec, Duration duration)
      throws IOException, InterruptedException {
    return call(target, microphone, sipPort, codec, duration, Options.NONE);
  }

  /** As {@link #call(String, Path, int, String, Duration)}, with extra setup. */
  public Optional<WavFile> call(String target, Path microphone, int sipPort, String codec, Duration duration,
      Options options) throws IOException, InterruptedException {
    Files.createDirectories(home);
    Files.writeString(home.resolve("config"), String.join("\n",
        "poll_method epoll",
        "sip_listen 127.0.0.1:" + sipPort,
        "net_interface 127.0.0.1",
        "audio_source aufile," + microphone,
        "audio_player aufile," + home.resolve("speaker.wav"),
        "audio_alert aufile," + home.resolve("alert.wav"),
        "ausrc_srate 8000",
        "auplay_srate 8000",
        "ausrc_channels 1",
        "auplay_channels 1",
        "rtp_ports 27000-27099",
        "snd_path " + home,
        "module_path /usr/lib/baresip/modules",
        "module g711.so",
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
