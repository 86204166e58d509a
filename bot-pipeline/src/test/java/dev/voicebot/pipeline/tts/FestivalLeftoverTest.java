package dev.voicebot.pipeline.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A festival outliving the voicebot that started it (the JVM was killed) must not block the next
 * start; one belonging to a running voicebot must not be touched.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FestivalLeftoverTest {

  @TempDir Path work;

  @Test
  void aFestivalLeftByADeadVoicebotIsKilledAndItsPortTakenBack() throws Exception {
    int port = FreePort.find();
    Path script = work.resolve("voicebot-festival-leftover.scm");
    Process leftover = orphanLikeFestival(port, script);
    try {
      // A voicebot that has exited: a real process that ran and is gone. It is stopped only once
      // its start time is read: a process that ends by itself may be gone before that.
      Process owner = new ProcessBuilder("sleep", "60").start();
      Instant ownerStarted = owner.info().startInstant().orElseThrow();
      owner.destroyForcibly().waitFor();
      var pidFile = new FestivalPidFile(port);
      Files.writeString(pidFile.path(), new FestivalPidFile.Entry(leftover.pid(),
          leftover.info().startInstant().orElseThrow(), owner.pid(), ownerStarted, script).format() + "\n");

      try (FestivalServer server = new FestivalServer(port).start();
          FestivalSynthesizer tts = new FestivalSynthesizer("127.0.0.1", port, Duration.ofSeconds(10))) {
        assertThat(leftover.isAlive()).as("the leftover was killed").isFalse();
        assertThat(server.pid().orElseThrow()).isNotEqualTo(leftover.pid());
        assertThat(tts.synthesize("Back again.")).isNotEmpty();
        assertThat(pidFile.read().orElseThrow().pid()).as("the pid file names the new festival")
            .isEqualTo(server.pid().orElseThrow());
      }
      assertThat(pidFile.read()).as("a clean stop forgets it").isEmpty();
    } finally {
      leftover.destroyForcibly();
    }
  }

  @Test
  void aFestivalOfARunningVoicebotIsReportedAndLeftAlone() throws Exception {
    int port = FreePort.find();
    Path script = work.resolve("voicebot-festival-live.scm");
    Process live = orphanLikeFestival(port, script);
    try {
      var pidFile = new FestivalPidFile(port);
      var self = ProcessHandle.current();
      Files.writeString(pidFile.path(), new FestivalPidFile.Entry(live.pid(), live.info().startInstant().orElseThrow(),
          self.pid(), self.info().startInstant().orElseThrow(), script).format() + "\n");
      try (FestivalServer server = new FestivalServer(port)) {
        assertThatThrownBy(server::start).isInstanceOf(IOException.class)
            .hasMessageContaining("already in use").hasMessageContaining("voicebot pid " + self.pid());
      }
      assertThat(live.isAlive()).isTrue();
      Files.deleteIfExists(pidFile.path());
    } finally {
      live.destroyForcibly();
    }
  }

  @Test
  void aChildDiesWhenTheThreadThatStartedItEnds() throws Exception {
    assumeTrue(TiedLauncher.tiesChildren(), "setpriv (util-linux) is installed");
    var launcher = new TiedLauncher("test-launcher");
    Process child = launcher.start(new ProcessBuilder("sleep", "60"));
    // setpriv arms the signal, then execs: once the process is sleep, the signal is armed.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!child.info().command().orElse("").endsWith("/sleep") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(child.info().command()).hasValueSatisfying(c -> assertThat(c).endsWith("/sleep"));
    try {
      // What a dying JVM does to all its threads at once, done here to the launcher's one thread.
      launcher.close();
      assertThat(child.waitFor(5, TimeUnit.SECONDS)).as("killed by its parent-death signal").isTrue();
      assertThat(child.exitValue()).isEqualTo(128 + 9);
    } finally {
      child.destroyForcibly();
    }
  }

  /** A festival server started as a crashed voicebot would have left it: not ours to supervise. */
  private static Process orphanLikeFestival(int port, Path script) throws Exception {
    Files.writeString(script, FestivalScript.forPort(port));
    Process p = new ProcessBuilder("festival", "--server", script.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 100);
        return p;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new AssertionError("festival did not start on " + port);
  }
}
