package dev.voicebot.pipeline.tts;

/**
 * The Scheme that configures our Festival server. It defines {@link #SAY_FUNCTION}, the one
 * command {@link FestivalSynthesizer} sends: synthesize a text, resample it to 16 kHz and send it
 * back as RIFF, so the Java side never resamples and always gets the same format.
 */
final class FestivalScript {

  static final String VOICE = "cmu_us_slt_arctic_hts";
  static final String SAY_FUNCTION = "voicebot.say";
  /** Festival refuses clients beyond this; {@link FestivalSynthesizer} stays well below it. */
  static final int MAX_CLIENTS = 16;

  private FestivalScript() {}

  static String forPort(int port) {
    return """
        ;; Written by voicebot's FestivalServer; regenerated at every start.
        (set! server_port %d)
        ;; Festival binds every interface; this list is what keeps it loopback-only.
        (set! server_access_list '("localhost" "localhost\\\\.localdomain" "127\\\\.0\\\\.0\\\\.1"))
        (set! server_deny_list nil)
        (set! server_max_clients %d)
        (voice_%s)
        (Parameter.set 'Wavefiletype 'riff)
        ;; Utterance is a special form that does not evaluate its arguments, hence eval/list:
        ;; (Utterance Text text) would synthesize the word "text".
        (define (%s text)
          (let ((utt (eval (list 'Utterance 'Text text))))
            (utt.synth utt)
            (utt.wave.resample utt 16000)
            (utt.send.wave.client utt)
            t))
        """
        .formatted(port, MAX_CLIENTS, VOICE, SAY_FUNCTION);
  }
}
