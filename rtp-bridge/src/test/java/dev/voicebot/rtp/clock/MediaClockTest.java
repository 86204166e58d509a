package dev.voicebot.rtp.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MediaClockTest {

    private static final long PERIOD = MediaClock.PERIOD.toNanos();

    @Test
    void ticksOnAbsolute20msDeadlinesWithoutDrift() throws Exception {
        List<Long> deadlines = new CopyOnWriteArrayList<>();
        List<Long> actual = new CopyOnWriteArrayList<>();
        CountDownLatch fifty = new CountDownLatch(50);
        try (MediaClock clock = new MediaClock("test-clock")) {
            clock.register(t -> {
                deadlines.add(t);
                actual.add(System.nanoTime());
                fifty.countDown();
            });
            clock.start();
            assertThat(fifty.await(5, TimeUnit.SECONDS)).isTrue();
        }
        for (int i = 1; i < 50; i++) {
            assertThat(deadlines.get(i) - deadlines.get(i - 1)).isEqualTo(PERIOD);
            assertThat(actual.get(i)).isGreaterThanOrEqualTo(deadlines.get(i));
        }
        // Absolute deadlines: the 50th tick is not later than 49 periods plus one tick's slack.
        assertThat(actual.get(49) - deadlines.get(0)).isLessThan(49 * PERIOD + 15_000_000L);
    }

    @Test
    void spreadsTickablesOverItsLanesOnOneGridAndKeepsEachOnOneThread() throws Exception {
        int tickables = 6;
        List<Set<Thread>> threads = new ArrayList<>();
        List<Set<Long>> deadlines = new ArrayList<>();
        CountDownLatch ticked = new CountDownLatch(tickables * 20);
        try (MediaClock clock = new MediaClock("lane-test", 2)) {
            for (int i = 0; i < tickables; i++) {
                Set<Thread> seen = ConcurrentHashMap.newKeySet();
                Set<Long> at = ConcurrentHashMap.newKeySet();
                threads.add(seen);
                deadlines.add(at);
                clock.register(t -> {
                    seen.add(Thread.currentThread());
                    at.add(t);
                    ticked.countDown();
                });
            }
            clock.start();
            assertThat(ticked.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(clock.lanes()).isEqualTo(2);
            assertThat(clock.threadNames()).containsExactly("lane-test-0", "lane-test-1");
        }
        Set<Thread> all = new HashSet<>();
        for (var seen : threads) {
            assertThat(seen).hasSize(1); // a tickable's state stays single-threaded
            all.addAll(seen);
        }
        assertThat(all).hasSize(2);
        // One time base: every lane's deadlines are on the same 20 ms grid.
        long origin = deadlines.get(0).iterator().next();
        for (var at : deadlines) {
            for (long t : at) {
                assertThat(Math.floorMod(t - origin, PERIOD)).isZero();
            }
        }
    }

    @Test
    void runsOnHighPriorityDaemonThreads() throws Exception {
        CountDownLatch ticked = new CountDownLatch(1);
        Thread[] seen = new Thread[1];
        try (MediaClock clock = new MediaClock()) {
            clock.register(t -> {
                seen[0] = Thread.currentThread();
                ticked.countDown();
            });
            clock.start();
            assertThat(ticked.await(2, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen[0].isDaemon()).isTrue();
        assertThat(seen[0].isVirtual()).isFalse();
        assertThat(seen[0].getPriority()).isEqualTo(Thread.MAX_PRIORITY);
    }

    @Test
    void everyTickableOfALaneSendsBeforeAnyDoesItsOtherWorkAndThePacingIsTheSends() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch periods = new CountDownLatch(10);
        try (MediaClock clock = new MediaClock("two-pass-test")) {
            for (String name : List.of("a", "b")) {
                clock.register(new Tickable() {
                    @Override
                    public void send(long tickNanos) {
                        order.add(name + ".send");
                    }

                    @Override
                    public void tick(long tickNanos) {
                        order.add(name + ".tick");
                        busy(4_000_000); // inbound work: 8 ms a period between the two
                        if (name.equals("b")) {
                            periods.countDown();
                        }
                    }
                });
            }
            clock.start();
            assertThat(periods.await(3, TimeUnit.SECONDS)).isTrue();
            assertThat(order.subList(0, 8)).containsExactly(
                    "a.send", "b.send", "a.tick", "b.tick", "a.send", "b.send", "a.tick", "b.tick");
            assertThat(clock.work().quantileMillis(0.5)).as("both passes").isGreaterThanOrEqualTo(8);
            assertThat(clock.lateness().quantileMillis(0.5)).as("the sends alone").isLessThan(8);
        }
    }

    private static void busy(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aFailingTickableDoesNotStopTheOthers() throws Exception {
        CountDownLatch healthy = new CountDownLatch(5);
        try (MediaClock clock = new MediaClock()) {
            clock.register(t -> {
                throw new IllegalStateException("boom (expected by the test)");
            });
            clock.register(t -> healthy.countDown());
            clock.start();
            assertThat(healthy.await(2, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void skipsAheadInsteadOfBurstingAfterAStall() throws Exception {
        List<Long> deadlines = new CopyOnWriteArrayList<>();
        AtomicInteger count = new AtomicInteger();
        CountDownLatch after = new CountDownLatch(8);
        try (MediaClock clock = new MediaClock()) {
            clock.register(t -> {
                deadlines.add(t);
                if (count.incrementAndGet() == 3) {
                    sleep(200); // ten ticks' worth
                }
                if (count.get() > 3) {
                    after.countDown();
                }
            });
            clock.start();
            assertThat(after.await(3, TimeUnit.SECONDS)).isTrue();
            assertThat(clock.skippedTicks()).isGreaterThan(0);
        }
        // After the stall the next deadline jumps forward rather than replaying ~10 missed ticks.
        assertThat(deadlines.get(3) - deadlines.get(2)).isGreaterThan(MediaClock.MAX_LAG_TICKS * PERIOD);
        for (int i = 4; i < 10; i++) {
            assertThat(deadlines.get(i) - deadlines.get(i - 1)).isEqualTo(PERIOD);
        }
    }

    @Test
    void unregisteredTickablesStopTicking() throws Exception {
        AtomicInteger a = new AtomicInteger();
        CountDownLatch bTicks = new CountDownLatch(10);
        Tickable ta = t -> a.incrementAndGet();
        try (MediaClock clock = new MediaClock()) {
            clock.register(ta);
            clock.register(t -> bTicks.countDown());
            clock.start();
            Thread.sleep(60);
            clock.unregister(ta);
            int frozen = a.get();
            assertThat(bTicks.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(a.get()).isLessThanOrEqualTo(frozen + 1); // at most the tick in flight
            assertThat(frozen).isPositive();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
