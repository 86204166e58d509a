package dev.voicebot.app.bench;

import dev.voicebot.rtp.clock.MediaClock;

/** The media clock thread's CPU time and ticks from one moment on: its CPU per tick since. */
record ClockCpu(long cpuNanos, long ticks) {

  /** The clock's thread name (MediaClock's default). */
  static final String THREAD = "media-clock";

  static ClockCpu start(MediaClock clock) {
    return new ClockCpu(ProcessSample.threadCpuNanos(THREAD), clock.ticks());
  }

  /** CPU ms per tick since {@link #start}; NaN without the thread or a tick. */
  double perTickMillis(MediaClock clock) {
    long cpu = ProcessSample.threadCpuNanos(THREAD);
    long ticked = clock.ticks() - ticks;
    return cpuNanos < 0 || cpu < 0 || ticked <= 0 ? Double.NaN : (cpu - cpuNanos) / 1e6 / ticked;
  }
}
