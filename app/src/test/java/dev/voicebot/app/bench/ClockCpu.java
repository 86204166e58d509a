package dev.voicebot.app.bench;

import dev.voicebot.rtp.clock.MediaClock;

/** The media clock lanes' CPU time and ticks from one moment on: their CPU per tick since. */
record ClockCpu(long cpuNanos, long ticks) {

  static ClockCpu start(MediaClock clock) {
    return new ClockCpu(cpuNanos(clock), clock.ticks());
  }

  /** CPU ms per tick (all lanes together) since {@link #start}; NaN without the threads or a tick. */
  double perTickMillis(MediaClock clock) {
    long cpu = cpuNanos(clock);
    long ticked = clock.ticks() - ticks;
    return cpuNanos < 0 || cpu < 0 || ticked <= 0 ? Double.NaN : (cpu - cpuNanos) / 1e6 / ticked;
  }

  private static long cpuNanos(MediaClock clock) {
    long sum = 0;
    for (String name : clock.threadNames()) {
      long cpu = ProcessSample.threadCpuNanos(name);
      if (cpu < 0) {
        return -1;
      }
      sum += cpu;
    }
    return sum;
  }
}
