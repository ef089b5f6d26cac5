package cm.reeyo.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

/**
 * Headless Debian Chromium driven through {@code /usr/bin/chromedriver} (Selenium Manager never downloads anything:
 * both paths are given). Without Chromium the tests are skipped, except on CI ({@code CI=true}) where that fails.
 * Screenshots go to {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final WebDriver driver;
  private final Path profile;

  private Browser(WebDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Skips the calling test when Chromium is missing outside CI; fails on CI. */
  static void requireChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER
        + " is missing: apt-get install -y chromium chromium-driver (scripts/test does)");
    }
    Assumptions.assumeTrue(present, "chromium and chromium-driver are not installed: console browser tests skipped");
  }

  static Browser open() throws Exception {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Path profile = Files.createTempDirectory("reeyo-chromium-");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1440,900",
      "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
      .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1440, 900));
    return new Browser(driver, profile);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  java.util.List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  <T> T waitFor(Duration limit, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, limit, Duration.ofMillis(100))
      .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
  }

  /** Saves a PNG of the page as {@code target/screenshots/<name>.png}; answers its path. */
  Path screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Path target = SCREENSHOTS.resolve(name + ".png");
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  @Override
  public void close() throws Exception {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
