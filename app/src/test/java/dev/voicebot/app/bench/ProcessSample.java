package dev.voicebot.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM (the bot runs in-process) at one moment: its CPU time, heap in use, platform threads
 * and open file descriptors (sockets among them), and the machine's 1-minute load average (the
 * machine is shared: it says how busy the other workers kept it).
 */
record ProcessSample(long nanoTime, long cpuNanos, long heapBytes, int threads, long fileDescriptors,
    double loadAverage) {

  /** A sample; after a full collection when {@code afterGc} (heap then = live data). */
  static ProcessSample take(boolean afterGc) {
    if (afterGc) {
      System.gc(); // ZGC: returns once the cycle it starts has finished
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new ProcessSample(System.nanoTime(), os.getProcessCpuTime(),
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
        ManagementFactory.getThreadMXBean().getThreadCount(), openFileDescriptors(), os.getSystemLoadAverage());
  }

  /** Share of one core used per call between {@code earlier} and this sample, in percent. */
  double corePercentPerCall(ProcessSample earlier, int calls) {
    if (calls <= 0) {
      return Double.NaN;
    }
    return 100.0 * (cpuNanos - earlier.cpuNanos) / (nanoTime - earlier.nanoTime) / calls;
  }

  /** Share of one core used in all between {@code earlier} and this sample, in percent. */
  double corePercent(ProcessSample earlier) {
    return 100.0 * (cpuNanos - earlier.cpuNanos) / (nanoTime - earlier.nanoTime);
  }

  double secondsSince(ProcessSample earlier) {
    return (nanoTime - earlier.nanoTime) / 1e9;
  }

  /**
   * CPU time of the live platform thread called {@code name} (the media clock's, "media-clock"),
   * or -1 without one: what its work costs, apart from the time it waited for a CPU.
   */
  static long threadCpuNanos(String name) {
    var threads = ManagementFactory.getThreadMXBean();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name)) {
        return threads.getThreadCpuTime(t.threadId());
      }
    }
    return -1;
  }

  private static long openFileDescriptors() {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      return -1;
    }
  }
}
