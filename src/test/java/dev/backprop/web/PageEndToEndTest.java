package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.RunningService;
import dev.backprop.dataset.RealMnist;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page at {@code /} in headless Chromium, as a person uses it: the form's choices filled in from the
 * service's lists and its presets, a short seed-network job started from the form, the progress reaching
 * 100 and the chart showing every epoch, a 1 drawn from the keyboard and a 7 with the mouse and their
 * predictions read, the 7 explained (a heat map, and what would make it a 1), the trained model's
 * receptive fields, projection and hardest examples, a small sweep as a table and charts, its trials
 * compared side by side, a small learning curve, with no error in the browser's console. Screenshots of a
 * desktop and
 * a phone-sized window go to {@code target/e2e/}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} and the real MNIST; skipped, saying so,
 * without them.
 */
class PageEndToEndTest {

    private static final int EPOCHS = 4;

    @TempDir
    Path profile;

    private RunningService service;
    private ChromeDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aPersonTrainsTheSeedNetworkAndGetsDrawnDigitsRecognised() throws IOException {
        boolean browserPresent = HeadlessChromium.present();
        if (!browserPresent) {
            System.err.println("SKIPPED: the page test needs Debian's chromium and chromium-driver");
        }
        assumeTrue(browserPresent, "skipped: no /usr/bin/chromium or /usr/bin/chromedriver");
        RealMnist.assumePresent();
        service = RunningService.start(Map.of(
                "backprop.storage.type",
                "memory",
                "backprop.datasets.dir",
                RealMnist.datasetsDir().toString(),
                "backprop.datasets.download",
                "false"));
        browser = HeadlessChromium.start(profile);
        browser.get("http://localhost:" + service.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.until(page -> !page.findElements(By.cssSelector("#dataset option")).isEmpty());
        // Every choice comes from the service's own lists, the schedule's and the initialisations' too.
        wait.until(page -> "loaded".equals(byTestId("job-form").getAttribute("data-choices")));
        assertThat(optionsOf("schedule.type")).containsExactly("constant", "step", "exponential", "cosine", "onecycle");
        assertThat(optionsOf("init")).contains("he", "xavier");
        assertThat(optionsOf("hiddenActivation")).contains("relu");
        byTestId("preset-fast").click();
        assertThat(field("layers").getAttribute("value")).isEqualTo("784, 800, 10");
        assertThat(field("schedule.type").getAttribute("value")).isEqualTo("cosine");
        assertThat(field("augmentation.rotation").getAttribute("value")).isEqualTo("8");
        byTestId("preset-seed").click();
        assertThat(field("layers").getAttribute("value")).isEqualTo("784, 30, 10");
        assertThat(field("augmentation.rotation").getAttribute("value")).isEmpty();

        WebElement epochs = byTestId("epochs");
        epochs.clear();
        epochs.sendKeys(Integer.toString(EPOCHS));
        byTestId("start-job").click();

        wait.until(page -> "100".equals(byTestId("job-progress").getAttribute("aria-valuenow"))
                && Integer.toString(EPOCHS).equals(byTestId("metrics-chart").getAttribute("data-epochs"))
                && browser.findElement(By.id("job-facts")).getText().startsWith("SUCCEEDED"));
        wait.until(
                page -> !page.findElements(By.cssSelector("#draw-model option")).isEmpty());
        seeTheLayers(wait);
        screenshot("desktop");
        // Opened again from the list, the finished job draws its charts from its record.
        browser.findElement(By.cssSelector("#jobs button")).click();
        seeTheLayers(wait);
        assertThat(byTestId("loss-chart").isDisplayed()).isTrue();

        // A 1 from the keyboard alone: the pen down at the top, then down the middle.
        WebElement canvas = byTestId("digit-canvas");
        browser.executeScript("arguments[0].focus()", canvas);
        canvas.sendKeys(repeat(Keys.ARROW_UP, 9) + " " + repeat(Keys.ARROW_DOWN, 19) + " ");
        assertThat(predict(wait)).startsWith("1");
        canvas.sendKeys(Keys.ESCAPE);
        assertThat(byTestId("prediction").getText()).as("Escape clears").isEmpty();

        byTestId("clear").click();
        draw(new int[][] {{-75, -85}, {75, -85}, {-15, 100}});
        assertThat(predict(wait)).startsWith("7");
        // Why a 7: the heat map of the drawing, then what would make it a 1.
        byTestId("explain").click();
        wait.until(page -> Boolean.TRUE.equals(browser.executeScript(
                "const i = arguments[0]; return i && i.complete && i.naturalWidth === 280;",
                browser.findElement(By.id("heat-map")))));
        assertThat(browser.findElement(By.id("heat-map-caption")).getText()).startsWith("why 7");
        new org.openqa.selenium.support.ui.Select(byTestId("explain-what-if")).selectByValue("1");
        wait.until(page -> page.findElement(By.id("heat-map-caption")).getText().startsWith("what would make it a 1"));
        screenshot("explanation");

        browser.findElement(By.cssSelector("#models button")).click();
        browser.findElement(By.id("evaluate")).click();
        wait.until(page -> byTestId("confusion-matrix").isDisplayed());
        assertThat(byTestId("confusion-matrix").findElements(By.cssSelector("tr")))
                .hasSize(11);
        assertThat(browser.findElement(By.id("evaluation-facts")).getText()).startsWith("accuracy");
        // What the network learned: its receptive fields, the projection, the hardest examples as pictures.
        wait.until(page -> Boolean.TRUE.equals(browser.executeScript(
                "const i = arguments[0]; return i.complete && i.naturalWidth > 0;", byTestId("receptive-fields"))));
        assertThat(byTestId("hardest").findElements(By.cssSelector("img:not(.explanation)")))
                .hasSize(10);
        wait.until(page -> Boolean.TRUE.equals(browser.executeScript(
                "return [...arguments[0].querySelectorAll('img:not(.explanation)')].every(i => i.complete && i.naturalWidth === 28);",
                byTestId("hardest"))));
        // Each shows its explanation: why the model took it for what it did.
        wait.until(page -> Boolean.TRUE.equals(browser.executeScript(
                "const e = [...arguments[0].querySelectorAll('img.explanation')];"
                        + " return e.length === 10 && e.every(i => i.complete && i.naturalWidth === 280);",
                byTestId("hardest"))));
        browser.findElement(By.id("project")).click();
        wait.until(page -> "2000".equals(byTestId("projection").getAttribute("data-points")));
        screenshot("evaluation");

        // The model leaves as a network2.py file through its link and comes back through the import form.
        assertThat(browser.findElement(By.id("export-onnx")).getAttribute("href"))
                .endsWith("format=onnx");
        Path exported = profile.resolve("seed.json");
        Files.write(
                exported, download(browser.findElement(By.id("export-network2")).getAttribute("href")));
        browser.findElement(By.id("import-file")).sendKeys(exported.toString());
        browser.findElement(By.cssSelector("#import-form button")).click();
        wait.until(page -> page.findElements(By.cssSelector("#models li")).size() == 2);
        assertThat(browser.findElement(By.id("import-problem")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("model-facts")).getText()).startsWith("784-30-10");
        // The imported file is named seed.json: the first version of the name "seed".
        assertThat(browser.findElement(By.id("model-title")).getText()).isEqualTo("seed v1");

        // A small sweep from the training form's network: its trials as a table and two charts.
        browser.findElement(By.id("sweep-fill")).click();
        browser.executeScript(
                "const request = JSON.parse(arguments[0].value);"
                        + " request.trials = 4; request.base.epochs = 2; request.base.validationSize = 5000;"
                        + " arguments[0].value = JSON.stringify(request);",
                byTestId("sweep-request"));
        byTestId("start-sweep").click();
        wait.until(page -> byTestId("sweep-facts").getText().startsWith("SUCCEEDED"));
        assertThat(byTestId("sweep-trials").findElements(By.cssSelector("tr"))).hasSize(5);
        assertThat(Integer.parseInt(byTestId("sweep-objective").getAttribute("data-points")))
                .isPositive();
        assertThat(byTestId("sweep-curves").getAttribute("data-trials")).isEqualTo("4");
        browser.findElement(By.id("sweep-best")).click();
        wait.until(page ->
                !browser.findElement(By.id("draw-model")).getAttribute("value").isEmpty());
        browser.findElement(By.id("sweep-title")).click();
        browser.executeScript("document.getElementById('sweep-title').scrollIntoView()");
        screenshot("sweep");

        // The sweep's fields write its request; the JSON box stays as the advanced option.
        WebElement trials = browser.findElement(By.cssSelector("#sweep-fields [name='trials']"));
        trials.clear();
        trials.sendKeys("5");
        assertThat(byTestId("sweep-request").getAttribute("value"))
                .contains("\"trials\": 5")
                .contains("\"learningRate\": {\n      \"logUniform\"");

        // The sweep's trials side by side: their curves overlaid, the fields they differ in.
        byTestId("sweep-compare").click();
        wait.until(page -> "4".equals(byTestId("compare-chart").getAttribute("data-series")));
        assertThat(byTestId("compare-chart").getAttribute("data-metric")).isEqualTo("validationAccuracy");
        assertThat(byTestId("compare-metric").findElements(By.tagName("option")))
                .extracting(option -> option.getAttribute("value"))
                .contains("testAccuracy", "trainLoss", "learningRate");
        assertThat(byTestId("compare-differences").getText()).contains("learningRate");
        browser.executeScript("document.getElementById('compare-panel').scrollIntoView()");
        screenshot("compare");

        // A learning curve of the training form's network: two sizes, drawn against size.
        WebElement sizes = byTestId("curve-sizes");
        sizes.clear();
        sizes.sendKeys("500, 2000");
        byTestId("start-curve").click();
        wait.until(page -> byTestId("curve-facts").getText().startsWith("SUCCEEDED"));
        assertThat(byTestId("curve-chart").getAttribute("data-points")).isEqualTo("2");
        assertThat(byTestId("curve-points").findElements(By.cssSelector("tr"))).hasSize(3);
        assertThat(byTestId("curve-diagnosis").getText()).contains("at 2,000 examples");
        browser.executeScript("document.getElementById('curve-title').scrollIntoView()");
        screenshot("learning-curve");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot("phone");
        assertThat(byTestId("digit-canvas").getSize().getWidth())
                .as("the canvas fits a phone")
                .isLessThanOrEqualTo(390);

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(errors).as("console errors").isEmpty();
    }

    private WebElement field(String name) {
        return browser.findElement(By.cssSelector("#job-form [name='" + name + "']"));
    }

    private List<String> optionsOf(String name) {
        return field(name).findElements(By.tagName("option")).stream()
                .map(option -> option.getAttribute("value"))
                .toList();
    }

    private static String repeat(Keys key, int times) {
        return key.toString().repeat(times);
    }

    /** The seed network's two weight layers, measured before training and after every epoch, one small chart each. */
    private void seeTheLayers(WebDriverWait wait) {
        wait.until(page -> "2".equals(byTestId("layer-charts").getAttribute("data-layers"))
                && Integer.toString(EPOCHS).equals(byTestId("layer-charts").getAttribute("data-epochs"))
                && Integer.toString(EPOCHS).equals(byTestId("metrics-chart").getAttribute("data-epochs"))
                && byTestId("layer-charts").findElements(By.cssSelector("canvas.heat-strip")).stream()
                        .allMatch(strip -> Integer.toString(EPOCHS + 1).equals(strip.getAttribute("width"))));
        assertThat(byTestId("layer-charts").findElements(By.cssSelector("figcaption")))
                .extracting(WebElement::getText)
                .allMatch(caption -> caption.matches("layer [12]: ‖∂C/∂b‖ .*, update ratio .*"));
    }

    private WebElement byTestId(String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    /** Drags the mouse through the points, given as offsets from the canvas's centre in CSS pixels. */
    private void draw(int[][] points) {
        WebElement canvas = byTestId("digit-canvas");
        Actions actions = new Actions(browser)
                .moveToElement(canvas, points[0][0], points[0][1])
                .clickAndHold();
        for (int k = 1; k < points.length; k++) {
            int steps = 12;
            for (int step = 1; step <= steps; step++) {
                int x = points[k - 1][0] + (points[k][0] - points[k - 1][0]) * step / steps;
                int y = points[k - 1][1] + (points[k][1] - points[k - 1][1]) * step / steps;
                actions.moveToElement(canvas, x, y);
            }
        }
        actions.release().perform();
    }

    private String predict(WebDriverWait wait) {
        WebElement prediction = byTestId("prediction");
        browser.executeScript("arguments[0].textContent = ''", prediction);
        byTestId("predict").click();
        wait.until(page -> !prediction.getText().isBlank()
                || page.findElement(By.id("draw-problem")).isDisplayed());
        assertThat(browser.findElement(By.id("draw-problem")).isDisplayed())
                .as(browser.findElement(By.id("draw-problem")).getText())
                .isFalse();
        return prediction.getText();
    }

    private static byte[] download(String url) throws IOException {
        try {
            java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "e2e");
        Files.createDirectories(dir);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
