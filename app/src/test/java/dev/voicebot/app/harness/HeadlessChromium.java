package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver. Both paths are given, so Selenium
 * Manager never runs and nothing downloads a browser or a driver. Close it: that quits the
 * browser and stops the driver process.
 */
public final class HeadlessChromium implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Where the console tests leave their screenshots (a build artifact, not cleaned by the test). */
  public static final Path SCREENSHOTS = RunningBot.REPO.resolve("app/target/console-screenshots");

  private final ChromeDriver driver;

  private HeadlessChromium(ChromeDriver driver) {
    this.driver = driver;
  }

  public static HeadlessChromium start(Path workDir) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("the console tests need Debian's chromium and chromium-driver: "
          + "apt-get install -y chromium chromium-driver");
    }
    Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
    var service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(workDir.resolve("chromedriver.log").toFile())
        .build();
    var options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=1400,2200", "--user-data-dir=" + profile, "--no-first-run",
            "--disable-background-networking", "--disable-component-update");
    return new HeadlessChromium(new ChromeDriver(service, options));
  }

  public ChromeDriver driver() {
    return driver;
  }

  /**
   * An explicit wait, polling every 100 ms; an element replaced while it was read (the console
   * redraws what changes) is looked up again.
   */
  public WebDriverWait waitUpTo(Duration limit) {
    var wait = new WebDriverWait(driver, limit);
    wait.pollingEvery(Duration.ofMillis(100)).ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Saves what the page shows now as {@code name}.png among the screenshots and returns its path. */
  public Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
