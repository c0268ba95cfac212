package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.ApiTestSupport;
import dev.backprop.job.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Swagger UI as a new user meets it, in headless Chromium: predict's "Try it out" → Execute with the
 * example it shows (an existing model's id typed in) answers 200 with a label; submit-job's example
 * answers 202. Both run on the document's own defaults: JSON first, whole-image examples. On the shared
 * service of the API tests (its synthetic digits), so that no service starts for this test alone.
 */
class SwaggerUiTest extends ApiTestSupport {

    @TempDir
    Path work;

    private ChromeDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theExamplesShownRunAsTheyAre() throws Exception {
        boolean present = HeadlessChromium.present();
        assumeTrue(present, "skipped: no /usr/bin/chromium or /usr/bin/chromedriver");
        Job job = awaitFinished(
                submit("{\"layers\": [784, 30, 10], \"epochs\": 1, \"seed\": 1}")
                        .id(),
                Duration.ofSeconds(90));
        browser = HeadlessChromium.start(work.resolve("profile"));
        browser.get("http://localhost:" + port + "/swagger-ui.html");

        WebElement predict = operation("post", "/api/v1/models/{id}/predict");
        tryItOut(predict);
        WebElement id = predict.findElement(By.cssSelector("tr[data-param-name='id'] input"));
        id.sendKeys(job.modelId());
        assertThat(predict.findElement(By.cssSelector(".body-param-content-type select"))
                        .getAttribute("value"))
                .isEqualTo("application/json");
        assertThat(execute(predict)).startsWith("200");
        assertThat(responseBody(predict)).contains("\"label\"").contains("\"probabilities\"");

        WebElement submit = operation("post", "/api/v1/jobs");
        tryItOut(submit);
        assertThat(execute(submit)).startsWith("202");
        String submitted = responseBody(submit);
        // The example's job would otherwise train on in the service that the other API tests share.
        Matcher submittedId = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(submitted);
        if (submittedId.find()) {
            client.post().uri("/api/v1/jobs/{id}/cancel", submittedId.group(1)).exchange();
        }
        assertThat(submitted).contains("\"status\"");
    }

    private WebElement operation(String method, String path) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement summary = wait.until(b -> b.findElement(
                By.cssSelector(".opblock-" + method + " .opblock-summary-path[data-path='" + path + "']")));
        WebElement block = summary.findElement(By.xpath("./ancestor::div[contains(@class, 'opblock ')]"));
        summary.click();
        return block;
    }

    private void tryItOut(WebElement block) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(b -> block.findElement(By.cssSelector(".try-out__btn")))
                .click();
    }

    /** Clicks Execute and answers the live response's status cell. */
    private String execute(WebElement block) {
        block.findElement(By.cssSelector(".execute")).click();
        return new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> {
            var cells = block.findElements(By.cssSelector(".live-responses-table tbody .response-col_status"));
            return cells.isEmpty() || cells.get(0).getText().isBlank()
                    ? null
                    : cells.get(0).getText();
        });
    }

    private static String responseBody(WebElement block) {
        return block.findElement(By.cssSelector(".live-responses-table tbody .response-col_description pre"))
                .getText();
    }
}
