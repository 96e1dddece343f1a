package io.yuqing.app;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.app.security.Role;
import io.yuqing.app.service.YuqingService;
import io.yuqing.app.web.ConsoleServer;
import io.yuqing.core.model.RiskLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real headless Chromium (Selenium + chromedriver) on the crawled demo site: login, level filter,
 * acknowledge and resolve with a note, the XSS title shown as text, CSRF refusal, desk isolation (also through the API
 * with a token), viewer read-only, lockout after wrong passwords. Skipped when chromedriver is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String ADMIN_PW = "admin password 1";
    private static final String DESK_PW = "united front pw";
    private static final String VIEWER_PW = "viewer password";

    private Path dir;
    private ServiceFixture app;
    private YuqingService service;
    private ConsoleServer console;
    private String base;
    private Alert xssAlert;
    /** An alert routed only to the publicity desk: the united-front member must not see it. */
    private Alert foreignAlert;

    @BeforeAll
    void startService(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        app = ServiceFixture.onDemoSite(dir.resolve("data")).user("admin", Role.ADMIN, null, ADMIN_PW)
                .user("tongzhan", Role.DESK, "united-front", DESK_PW).user("viewer", Role.VIEWER, null, VIEWER_PW).start();
        service = app.service();
        console = app.console();
        base = app.base();
        service.crawlOnce();
        xssAlert = service.alerts().list(AlertFilter.all(), 0, 500).stream()
                .filter(a -> a.title().contains("<script>")).findFirst().orElseThrow();
        foreignAlert = service.alerts().list(AlertFilter.all(), 0, 500).stream()
                .filter(a -> !a.deskIds().contains("united-front")).findFirst().orElseThrow();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private WebDriver browser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM), "chromium/chromedriver not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                "--disable-quic", "--disable-sync", "--disable-component-update", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory(dir, "chrome"));
        ChromeDriverService driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(driverService, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private void login(WebDriver driver, String user, String password) {
        driver.get(base + "/login");
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        clickAndWait(driver, driver.findElement(By.id("login")));
    }

    /** Clicks and waits for the next page (success or refusal) to replace this one; on a busy machine it takes a moment. */
    private static void clickAndWait(WebDriver driver, WebElement element) {
        element.click();
        // The old page's element is gone once the next page replaced it. Chromium reports that either as a stale
        // element or, mid-navigation, as "node does not belong to the document": both mean the page moved on.
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }

    @Test
    void adminFiltersAcknowledgesAndResolvesAndTheXssTitleIsText() throws Exception {
        WebDriver driver = browser();
        try {
            driver.get(base + "/alerts");
            assertTrue(driver.getCurrentUrl().endsWith("/login"), "anonymous is sent to login: " + driver.getCurrentUrl());
            login(driver, "admin", ADMIN_PW);
            assertTrue(driver.getCurrentUrl().endsWith("/alerts"), driver.getCurrentUrl());
            assertTrue(driver.findElement(By.id("current-user")).getText().contains("admin"));

            // Filter by the XSS alert's level: every row shown has that level.
            RiskLevel level = xssAlert.level();
            new Select(driver.findElement(By.name("level"))).selectByValue(level.code());
            clickAndWait(driver, driver.findElement(By.cssSelector("form.filters button")));
            List<WebElement> rows = driver.findElements(By.cssSelector("tbody tr"));
            assertFalse(rows.isEmpty());
            for (WebElement row : rows) {
                assertEquals(1, row.findElements(By.cssSelector(".level-" + level.code())).size(), row.getText());
            }
            assertEquals(service.alerts().count(AlertFilter.all().withLevel(level)), rows.size());
            assertTrue(driver.findElement(By.tagName("main")).getText().contains("<script>alert('xss')</script>"),
                    "the payload shows as text in the list");
            Files.createDirectories(Path.of("target"));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), Path.of("target", "console-inbox.png"), StandardCopyOption.REPLACE_EXISTING);

            // The detail page: title as text, no dialog, then acknowledge and resolve with a note.
            clickAndWait(driver, driver.findElement(By.cssSelector("a[href='/alerts/" + xssAlert.id() + "']")));
            assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "the payload ran nothing");
            assertTrue(driver.findElement(By.tagName("h1")).getText().contains("<script>alert('xss')</script>"));
            assertTrue(driver.findElements(By.name("actor")).isEmpty(), "no free-text 处理人: the actor is the user");
            driver.findElement(By.xpath("//button[contains(., '确认')]")).click();
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> d.getPageSource().contains("已保存"));
            assertEquals(AlertStatus.ACKNOWLEDGED, service.alerts().get(xssAlert.id()).orElseThrow().status());
            driver.findElement(By.name("note")).sendKeys("已联系企业核实，已整改");
            driver.findElement(By.xpath("//button[contains(., '办结')]")).click();
            // A form submit returns before the next page has loaded; wait for the page, not for a time.
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> d.findElements(By.cssSelector("ul.timeline")).stream()
                    .anyMatch(e -> e.getText().contains("已联系企业核实，已整改")));
            assertEquals(AlertStatus.RESOLVED, service.alerts().get(xssAlert.id()).orElseThrow().status());
            String timeline = driver.findElement(By.cssSelector("ul.timeline")).getText();
            assertTrue(timeline.contains("admin") && timeline.contains("已联系企业核实，已整改"), timeline);
            assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());

            // A form whose CSRF token was tampered with is refused.
            ((JavascriptExecutor) driver).executeScript("document.querySelector('main form input[name=csrf]').value = 'forged';");
            driver.findElement(By.xpath("//button[contains(., '重新打开')]")).click();
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> d.getTitle().contains("请求被拒绝"));
            assertTrue(driver.findElement(By.tagName("h1")).getText().contains("请求被拒绝"));
            assertEquals(AlertStatus.RESOLVED, service.alerts().get(xssAlert.id()).orElseThrow().status());

            driver.get(base + "/alerts");
            clickAndWait(driver, driver.findElement(By.id("logout")));
            assertTrue(driver.getCurrentUrl().endsWith("/login"));
            driver.get(base + "/alerts");
            assertTrue(driver.getCurrentUrl().endsWith("/login"), "logged out");
        } finally {
            driver.quit();
        }
    }

    @Test
    void deskMemberSeesOnlyItsDeskAlsoThroughTheApi() throws Exception {
        WebDriver driver = browser();
        try {
            login(driver, "tongzhan", DESK_PW);
            String list = driver.findElement(By.tagName("main")).getText();
            assertFalse(list.contains(foreignAlert.title()), "another desk's alert is not listed");
            for (WebElement desk : driver.findElements(By.cssSelector("tbody tr td:last-child"))) {
                assertTrue(desk.getText().contains("统战部"), desk.getText());
            }
            driver.get(base + "/alerts/" + foreignAlert.id());
            assertTrue(driver.findElement(By.tagName("h1")).getText().contains("不存在"), "another desk's alert is not found");
        } finally {
            driver.quit();
        }
        ConsoleClient http = new ConsoleClient(base);
        http.login("tongzhan", DESK_PW);
        String csrf = http.csrf("/alerts");
        assertEquals(404, http.post("/alerts/" + foreignAlert.id() + "/reopen", Map.of("csrf", csrf)).statusCode());

        String token = console.users().createToken("tongzhan", "test").orElseThrow();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> one = client.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts/" + foreignAlert.id()))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(404, one.statusCode());
        HttpResponse<String> act = client.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts/" + foreignAlert.id() + "/reopen"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(404, act.statusCode());
        HttpResponse<String> all = client.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts?limit=500"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, all.statusCode());
        long mine = service.alerts().count(AlertFilter.all().withDesk("united-front"));
        assertTrue(mine > 0 && mine < service.alerts().count(AlertFilter.all()));
        assertTrue(all.body().contains("\"total\":" + mine), all.body().substring(0, 100));
        assertEquals(401, client.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).statusCode());
        assertEquals(401, client.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts")).header("Authorization", "Bearer forged").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).statusCode());
        // Monitoring stays open.
        assertEquals(200, TestHttp.get(base + "/health/live").statusCode());
        assertEquals(200, TestHttp.get(base + "/metrics").statusCode());
    }

    @Test
    void viewerReadsButCannotActAndCookiesAreHardened() throws Exception {
        ConsoleClient http = new ConsoleClient(base);
        HttpResponse<String> in = http.login("viewer", VIEWER_PW);
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("yuqing_session=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"), cookie);
        Alert any = service.alerts().list(AlertFilter.all().withStatus(AlertStatus.NEW), 0, 1).getFirst();
        String page = http.get("/alerts/" + any.id()).body();
        assertTrue(page.contains("只读"), "the viewer is told it cannot act");
        String csrf = ConsoleClient.csrfIn(page);
        assertEquals(403, http.post("/alerts/" + any.id() + "/acknowledge", Map.of("csrf", csrf)).statusCode());
        assertEquals(AlertStatus.NEW, service.alerts().get(any.id()).orElseThrow().status());

        HttpResponse<String> tls = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertTrue(tls.headers().firstValue("Set-Cookie").orElse("").contains("Secure"), "behind TLS cookies are Secure");
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountInTheBrowser() throws Exception {
        console.users().add("careless", Role.VIEWER, null, "right password", List.of(), "test");
        WebDriver driver = browser();
        try {
            for (int i = 0; i < 5; i++) {
                login(driver, "careless", "wrong password " + i);
            }
            assertTrue(driver.findElement(By.cssSelector(".notice")).getText().contains("已锁定"),
                    driver.findElement(By.cssSelector(".notice")).getText());
            login(driver, "careless", "right password");
            assertTrue(driver.getCurrentUrl().endsWith("/login"), "still locked with the right password");
            assertTrue(driver.findElement(By.cssSelector(".notice")).getText().contains("已锁定"));
        } finally {
            driver.quit();
        }
    }
}
