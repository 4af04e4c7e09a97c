package org.scriptorium.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Browsers for end-to-end tests: Debian's chromium driven by Debian's chromedriver, never anything
 * downloaded. scripts/test-services.sh installs both; Maven's surefire passes their paths as the
 * system properties {@code webdriver.chrome.driver} and {@code scriptorium.test.chromium}.
 */
public final class Browsers {

  public static final String DRIVER_PROPERTY = "webdriver.chrome.driver";
  public static final String CHROMIUM_PROPERTY = "scriptorium.test.chromium";
  public static final String DEFAULT_DRIVER = "/usr/bin/chromedriver";
  public static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";

  private static final List<Path> PROFILES = new CopyOnWriteArrayList<>();

  static {
    // Selenium Manager is never run (the driver executable is given), but if it ever were: no stats.
    if (System.getProperty("SE_AVOID_STATS") == null) {
      System.setProperty("SE_AVOID_STATS", "true");
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> PROFILES.forEach(Browsers::deleteQuietly),
        "delete-chromium-profiles"));
  }

  private Browsers() {
  }

  /** A headless Chromium with a phone-sized window (412x915) and a fresh profile. Quit it after use. */
  public static WebDriver headlessChromium() {
    return headlessChromium(false);
  }

  /**
   * As {@link #headlessChromium()}; with {@code consoleLog} the page's console is kept for
   * {@code manage().logs().get(LogType.BROWSER)} (issue 16: a page must log no error).
   */
  public static WebDriver headlessChromium(boolean consoleLog) {
    Path driver = Path.of(System.getProperty(DRIVER_PROPERTY, DEFAULT_DRIVER));
    Path chromium = Path.of(System.getProperty(CHROMIUM_PROPERTY, DEFAULT_CHROMIUM));
    if (!Files.isExecutable(driver) || !Files.isExecutable(chromium)) {
      throw new IllegalStateException("chromium (" + chromium + ") or chromedriver (" + driver
          + ") is missing: run scripts/test-services.sh as root");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("scriptorium-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PROFILES.add(profile);

    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=412,915",
        "--user-data-dir=" + profile);
    if (consoleLog) {
      options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    }

    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driver.toFile())
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: it is a temporary directory
    }
  }
}
