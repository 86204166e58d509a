package dev.voicebot.rtp.resample;

/** Designs linear-phase low-pass FIR filters by the Kaiser-windowed sinc method. */
final class LowPassDesign {

    private LowPassDesign() {
    }

    /**
     * @param taps          filter length; odd, so the group delay is a whole number of samples
     * @param cutoff        cutoff as a fraction of the sample rate (0 &lt; cutoff &lt; 0.5)
     * @param beta          Kaiser window shape; about 0.1102·(A − 8.7) for A dB of stop-band rejection
     * @return coefficients normalised to unity gain at DC
     */
    static double[] kaiserSinc(int taps, double cutoff, double beta) {
        if (taps % 2 == 0) {
            throw new IllegalArgumentException("odd tap count needed for an integer group delay");
        }
        double[] h = new double[taps];
        int mid = taps / 2;
        double i0Beta = besselI0(beta);
        double sum = 0;
        for (int n = 0; n < taps; n++) {
            int k = n - mid;
            double sinc = k == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
            double r = (double) k / mid;
            double window = besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
            h[n] = sinc * window;
            sum += h[n];
        }
        for (int n = 0; n < taps; n++) {
            h[n] /= sum;
        }
        return h;
    }

    /** Zeroth-order modified Bessel function of the first kind, by its power series. */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double halfX = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
