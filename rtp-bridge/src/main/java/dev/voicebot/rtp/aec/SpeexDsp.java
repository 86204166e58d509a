package dev.voicebot.rtp.aec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Downcall handles into Debian's {@code libspeexdsp.so.1} (speexdsp 1.2), loaded once per JVM.
 * The handles are immutable; the library stays mapped for the JVM's lifetime, like any shared
 * library a JNI binding would load.
 *
 * <p>Request codes are from {@code speex/speex_echo.h} and {@code speex/speex_preprocess.h}
 * (libspeexdsp-dev 1.2.1).
 */
final class SpeexDsp {

    static final String LIBRARY = "libspeexdsp.so.1";

    static final int SPEEX_ECHO_SET_SAMPLING_RATE = 24;
    static final int SPEEX_PREPROCESS_SET_DENOISE = 0;
    static final int SPEEX_PREPROCESS_SET_NOISE_SUPPRESS = 18;
    static final int SPEEX_PREPROCESS_SET_ECHO_SUPPRESS = 20;
    static final int SPEEX_PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE = 22;
    static final int SPEEX_PREPROCESS_SET_ECHO_STATE = 24;

    /** SpeexEchoState *speex_echo_state_init(int frame_size, int filter_length) */
    final MethodHandle echoStateInit;
    /** void speex_echo_state_destroy(SpeexEchoState *st) */
    final MethodHandle echoStateDestroy;
    /** void speex_echo_state_reset(SpeexEchoState *st) */
    final MethodHandle echoStateReset;
    /** int speex_echo_ctl(SpeexEchoState *st, int request, void *ptr) */
    final MethodHandle echoCtl;
    /** void speex_echo_cancellation(SpeexEchoState *st, const short *rec, const short *play, short *out) */
    final MethodHandle echoCancellation;
    /** SpeexPreprocessState *speex_preprocess_state_init(int frame_size, int sampling_rate) */
    final MethodHandle preprocessStateInit;
    /** void speex_preprocess_state_destroy(SpeexPreprocessState *st) */
    final MethodHandle preprocessStateDestroy;
    /** int speex_preprocess_ctl(SpeexPreprocessState *st, int request, void *ptr) */
    final MethodHandle preprocessCtl;
    /** int speex_preprocess_run(SpeexPreprocessState *st, short *x) */
    final MethodHandle preprocessRun;

    private SpeexDsp(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        // The per-frame functions run for tens of microseconds and never call back into Java:
        // "critical" skips the thread state transition on the media clock's hot path.
        Linker.Option critical = Linker.Option.critical(false);
        echoStateInit = bind(linker, lib, "speex_echo_state_init", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT));
        echoStateDestroy = bind(linker, lib, "speex_echo_state_destroy", FunctionDescriptor.ofVoid(ADDRESS));
        echoStateReset = bind(linker, lib, "speex_echo_state_reset", FunctionDescriptor.ofVoid(ADDRESS));
        echoCtl = bind(linker, lib, "speex_echo_ctl", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        echoCancellation = bind(linker, lib, "speex_echo_cancellation",
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS), critical);
        preprocessStateInit = bind(linker, lib, "speex_preprocess_state_init",
                FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT));
        preprocessStateDestroy = bind(linker, lib, "speex_preprocess_state_destroy", FunctionDescriptor.ofVoid(ADDRESS));
        preprocessCtl = bind(linker, lib, "speex_preprocess_ctl",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        preprocessRun = bind(linker, lib, "speex_preprocess_run", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS),
                critical);
    }

    /**
     * The loaded library.
     *
     * @throws SpeexDspUnavailableException naming the Debian package to install
     */
    static SpeexDsp get() {
        Object loaded = Holder.LOADED;
        if (loaded instanceof SpeexDsp dsp) {
            return dsp;
        }
        throw (SpeexDspUnavailableException) loaded;
    }

    /** Whether libspeexdsp can be used on this machine. */
    static boolean isAvailable() {
        return Holder.LOADED instanceof SpeexDsp;
    }

    /** Loaded on first use; the outcome (library or failure) never changes afterwards. */
    private static final class Holder {
        static final Object LOADED = load();

        private static Object load() {
            try {
                return new SpeexDsp(SymbolLookup.libraryLookup(LIBRARY, Arena.global()));
            } catch (IllegalArgumentException | UnsatisfiedLinkError | IllegalCallerException e) {
                return new SpeexDspUnavailableException("echo cancellation needs " + LIBRARY
                        + " (Debian/Ubuntu: apt-get install libspeexdsp1) and native access"
                        + " (--enable-native-access=ALL-UNNAMED): " + e.getMessage(), e);
            }
        }
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd,
            Linker.Option... options) {
        MemorySegment symbol = lib.find(name).orElseThrow(
                () -> new UnsatisfiedLinkError(LIBRARY + " has no symbol " + name));
        return linker.downcallHandle(symbol, fd, options);
    }
}
