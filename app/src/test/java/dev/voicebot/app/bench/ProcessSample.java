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

  /**
   * A sample. With {@code live}, the heap is the bytes of live objects (a full collection and a
   * class histogram, as {@code jcmd GC.class_histogram}); else the heap in use, garbage included.
   * ZGC's heap in use, even right after {@code System.gc()}, counts whole pages: after thousands
   * of calls it stayed 60 MB above the live objects.
   */
  static ProcessSample take(boolean live) {
    long heap = live ? liveHeapBytes() : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new ProcessSample(System.nanoTime(), os.getProcessCpuTime(), heap,
        ManagementFactory.getThreadMXBean().getThreadCount(), openFileDescriptors(), os.getSystemLoadAverage());
  }

  private static long liveHeapBytes() {
    try {
      var name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
      String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(name, "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      return histogramTotalBytes(histogram);
    } catch (javax.management.JMException e) {
      throw new IllegalStateException("no class histogram from the DiagnosticCommand MBean", e);
    }
  }

  /** The bytes on a class histogram's {@code Total} line. */
  static long histogramTotalBytes(String histogram) {
    for (String line : histogram.lines().toList().reversed()) {
      String[] words = line.strip().split("\\s+");
      if (words.length == 3 && words[0].equals("Total")) {
        return Long.parseLong(words[2]);
      }
    }
    throw new IllegalArgumentException("no Total line in the class histogram");
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
   * CPU time of the live platform thread called {@code name} (a media clock lane's, e.g. "media-clock-0"),
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
