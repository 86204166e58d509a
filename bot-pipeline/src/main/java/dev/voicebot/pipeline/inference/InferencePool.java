package dev.voicebot.pipeline.inference;

import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU-bound speech inference on a fixed number of platform threads (one per core): more threads
 * than cores would only make every call's decoding slower at once. Waiting work runs most urgent
 * first ({@link Priority}), in submission order within a priority, so the caller who stopped
 * talking gets their answer before the talking callers' partials are brought up to date. The queue
 * is bounded: beyond it work is refused (and counted), never queued without end. Each task's wait
 * is recorded in the {@link InferenceLoad}.
 *
 * <p>Only for work that computes: anything that waits on a socket or another process (a TTS
 * server, a model API) belongs on virtual threads, or it would hold a core's thread idle.
 */
public final class InferencePool extends ThreadPoolExecutor implements PrioritizedExecutor {

  private final InferenceLoad load;
  private final int maxQueued;
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param threads the number of cores inference may use
   * @param maxQueued how many tasks may wait; one per call stream is typical, so a few per call
   *     of the largest call limit is plenty
   */
  public InferencePool(int threads, int maxQueued, ThreadFactory threadFactory, InferenceLoad load) {
    super(threads, threads, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), threadFactory);
    if (maxQueued < 1) {
      throw new IllegalArgumentException("maxQueued must be positive: " + maxQueued);
    }
    this.load = load;
    this.maxQueued = maxQueued;
    // Every task goes through the queue (a new thread would otherwise take one out of order).
    prestartAllCoreThreads();
  }

  @Override
  public void execute(Runnable task) {
    execute(task, Priority.BACKGROUND);
  }

  @Override
  public void execute(Runnable task, Priority priority) {
    if (getQueue().size() >= maxQueued && !isShutdown()) {
      load.shed(Shed.REJECTED_TASK);
      throw new RejectedExecutionException("inference pool full: " + maxQueued + " tasks waiting");
    }
    super.execute(new Job(task, priority, sequence.getAndIncrement(), System.nanoTime()));
  }

  @Override
  protected void beforeExecute(Thread thread, Runnable task) {
    if (task instanceof Job job) {
      load.recordPoolWait(System.nanoTime() - job.submittedNanos());
    }
  }

  /** Tasks waiting now. */
  public int queued() {
    return getQueue().size();
  }

  private record Job(Runnable task, Priority priority, long sequence, long submittedNanos)
      implements Runnable, Comparable<Job> {

    @Override
    public void run() {
      task.run();
    }

    @Override
    public int compareTo(Job other) {
      int byPriority = priority.compareTo(other.priority);
      return byPriority != 0 ? byPriority : Long.compare(sequence, other.sequence);
    }
  }
}
