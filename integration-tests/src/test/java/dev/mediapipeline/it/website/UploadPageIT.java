package dev.mediapipeline.it.website;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.ReducedMotion;
import dev.mediapipeline.testing.RequiredTools;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The upload page in a real browser (Debian's Chromium through Playwright) against the real local runtime: the
 * page from the web port, the media API behind it, uploads into the runtime's S3 through presigned POSTs, the
 * thumbnail and index functions in their own JVMs. Scenarios run in order on one runtime, starting empty.
 * Screenshots of every test land in target/screenshots/; {@code -Dwebsite.screenshot=true} also rewrites the
 * README's {@code website/screenshot.png}.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class UploadPageIT {

    static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    static final Path SAMPLES = PROJECT.resolve("sample-media");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Function JVMs start cold on the first upload: processing can take a while on a busy 2-core machine. */
    static final double PROCESSING_TIMEOUT_MS = 120_000;
    static final double UI_TIMEOUT_MS = 15_000;
    static final double TRANSCODING_TIMEOUT_MS = 300_000;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static LocalPipeline pipeline;
    static Playwright playwright;
    static Browser browser;

    BrowserContext context;
    Page page;
    final List<String> dialogs = new CopyOnWriteArrayList<>();
    final List<String> pageErrors = new CopyOnWriteArrayList<>();
    String testName;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            return; // every test skips, or fails under CI=true (requireChromium): nothing to start
        }
        Files.createDirectories(SCREENSHOTS);
        PlaywrightAssertions.setDefaultAssertionTimeout(UI_TIMEOUT_MS);
        pipeline = LocalPipeline.start();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
            if (playwright != null) {
                playwright.close();
            }
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
    }

    @BeforeEach
    void openBrowser(TestInfo info) {
        requireChromium();
        testName = info.getTestClass().map(Class::getSimpleName).orElse("") + "-" + info.getTestMethod().orElseThrow().getName();
        newPage(1280, 800, 1);
    }

    /** Per test, so that a machine without Chromium reports every browser test as skipped (or failed under CI=true). */
    static void requireChromium() {
        RequiredTools.require(Files.isExecutable(CHROMIUM), "Debian's Chromium (" + CHROMIUM + ")",
                "apt-get install chromium (./mvnw verify runs .ci/install-test-tools, which installs it as root or with"
                        + " passwordless sudo; Playwright cannot download browsers here)");
    }

    void newPage(int width, int height, double scale) {
        if (context != null) {
            context.close();
        }
        // reduced motion: the page then skips its transitions, so sizes and positions are final at once
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height).setDeviceScaleFactor(scale)
                .setReducedMotion(ReducedMotion.REDUCE));
        context.setDefaultTimeout(UI_TIMEOUT_MS);
        page = context.newPage();
        // a crafted name must never run script: every dialog is recorded (and dismissed)
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
        page.onPageError(error -> pageErrors.add(error));
    }

    @AfterEach
    void closeBrowser() {
        if (context == null) {
            return; // the test was skipped before a page opened (no Chromium)
        }
        try {
            screenshot(testName);
            assertThat(pageErrors).as("uncaught errors in the page").isEmpty();
            assertThat(dialogs).as("dialogs opened by the page").isEmpty();
        } finally {
            context.close();
            context = null;
        }
    }

    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    void open() {
        open("");
    }

    void open(String query) {
        page.navigate(pipeline.siteUri().resolve("/" + query).toString());
        // the first request of the run waits for the API function's cold start
        PlaywrightAssertions.assertThat(page.locator("body")).hasAttribute("data-state", Pattern.compile("empty|loaded"),
                processing());
    }

    Locator cardNamed(String name) {
        return page.locator("#grid > li.card").filter(new Locator.FilterOptions()
                .setHas(page.locator(".card-name").getByText(name, new Locator.GetByTextOptions().setExact(true))));
    }

    static LocatorAssertions.HasAttributeOptions processing() {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(PROCESSING_TIMEOUT_MS);
    }

    void upload(Path... files) {
        page.setInputFiles("#file-input", files);
    }

    JsonNode asset(String id) throws IOException, InterruptedException {
        return get("/media/" + id);
    }

    static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.apiUri() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The rendition of the asset whose key the image's chosen URL names (presigned URLs differ per request). */
    static JsonNode renditionShown(JsonNode asset, String currentSrc) {
        String path = URLDecoder.decode(URI.create(currentSrc).getRawPath(), StandardCharsets.UTF_8);
        for (JsonNode r : asset.path("renditions")) {
            if (path.endsWith("/" + r.path("key").asText())) {
                return r;
            }
        }
        throw new AssertionError("the image shows " + currentSrc + ", which is none of the asset's renditions " + asset.path("renditions"));
    }

    /**
     * Waits until the image has loaded, then returns its currentSrc and naturalWidth, and the pixel size of that
     * file (pixelWidth, pixelHeight): the naturalWidth of an image chosen from a srcset with w descriptors is scaled
     * by the density the browser assigned it, so the file's own size is read from a plain Image of the same URL.
     */
    static Map<String, Object> loaded(Locator image) {
        // tiles load lazily: bring it on screen first
        image.scrollIntoViewIfNeeded();
        ElementHandle handle = image.elementHandle();
        image.page().waitForFunction("img => img.complete && img.naturalWidth > 0", handle);
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) handle.evaluate("""
                async img => {
                  const file = new Image();
                  file.src = img.currentSrc;
                  await file.decode();
                  return {currentSrc: img.currentSrc, naturalWidth: img.naturalWidth,
                          pixelWidth: file.naturalWidth, pixelHeight: file.naturalHeight};
                }""");
        return facts;
    }

    static int integer(Object number) {
        return ((Number) number).intValue();
    }

    @Nested
    @Order(1)
    class EmptyGallery {

        @Test
        void aNewInstallationShowsTheEmptyStateAndTheDropZone() {
            open();
            PlaywrightAssertions.assertThat(page.locator("#empty-state")).isVisible();
            PlaywrightAssertions.assertThat(page.locator("#empty-state")).containsText("No photos or videos yet");
            PlaywrightAssertions.assertThat(page.locator("#grid > li")).hasCount(0);
            PlaywrightAssertions.assertThat(page.locator("#error-state")).isHidden();
            PlaywrightAssertions.assertThat(page.locator("#dropzone")).containsText("Drop photos and videos here");
            // the limits of GET /limits are shown and used by the file picker
            PlaywrightAssertions.assertThat(page.locator("#accepted-note")).containsText("JPEG");
            assertThat(page.locator("#file-input").getAttribute("accept")).as("file picker filter").contains("image/jpeg");
        }

        @Test
        void theVendoredHlsJsIsTheVersionThePackageLockPins() throws IOException {
            open();
            String locked = JSON.readTree(PROJECT.resolve("website/package-lock.json").toFile())
                    .path("packages").path("node_modules/hls.js").path("version").asText();
            page.addScriptTag(new Page.AddScriptTagOptions().setUrl("vendor/hls.js/hls.light.min.js"));
            assertThat(page.evaluate("() => window.Hls.version")).as("hls.js in public/vendor").isEqualTo(locked);
            assertThat(page.evaluate("() => window.Hls.isSupported()")).as("Media Source Extensions in Chromium").isEqualTo(true);
        }

        @Test
        void theApiBaseUrlComesFromConfigJson() {
            open();
            assertThat(page.locator("html").getAttribute("data-api")).as("API base URL the page uses")
                    .isEqualTo(pipeline.apiUri().toString());
        }
    }

    @Nested
    @Order(2)
    class ApiUnreachable {

        @Test
        void showsTheErrorStateAndRecoversOnRetry() {
            page.route("**/api/**", route -> route.abort("connectionrefused"));
            page.navigate(pipeline.siteUri().toString());
            Locator error = page.locator("#error-state");
            PlaywrightAssertions.assertThat(error).isVisible();
            PlaywrightAssertions.assertThat(error).hasAttribute("role", "alert");
            PlaywrightAssertions.assertThat(error).containsText("Can’t reach the media API");
            PlaywrightAssertions.assertThat(page.locator("#error-detail")).containsText(pipeline.apiUri().toString());
            PlaywrightAssertions.assertThat(page.locator("#empty-state")).isHidden();
            screenshot("api-unreachable");

            page.unrouteAll();
            page.locator("#retry").click();
            PlaywrightAssertions.assertThat(error).isHidden();
            PlaywrightAssertions.assertThat(page.locator("body")).hasAttribute("data-state", Pattern.compile("empty|loaded"));
        }
    }

    @Nested
    @Order(3)
    class PhotoUpload {

        @Test
        void uploadsThroughTheFileInputAndShowsTheThumbnailsAndDetails() throws Exception {
            open();
            upload(SAMPLES.resolve("landscape.jpg"));

            Locator card = cardNamed("landscape.jpg");
            PlaywrightAssertions.assertThat(card).hasCount(1);
            // the progress bar completes: XMLHttpRequest upload progress up to the whole file
            Locator progress = card.locator("progress");
            page.waitForFunction("p => p.value === p.max", progress.elementHandle(),
                    new Page.WaitForFunctionOptions().setTimeout(PROCESSING_TIMEOUT_MS));
            PlaywrightAssertions.assertThat(card).hasAttribute("data-status", Pattern.compile("processing|ready"), processing());
            PlaywrightAssertions.assertThat(card).hasAttribute("data-status", "ready", processing());
            PlaywrightAssertions.assertThat(card.locator(".badge")).hasText("Ready");
            String id = card.getAttribute("data-id");
            assertThat(id).as("asset id on the card").isNotBlank();

            JsonNode asset = asset(id);
            assertThat(asset.path("status").asText()).as("status in the API").isEqualTo("ready");

            // the grid tile: a 240 CSS px square at 1x, so the browser picks the 256 px square crop
            Map<String, Object> tile = loaded(card.locator("img.card-img"));
            JsonNode tileRendition = renditionShown(asset, (String) tile.get("currentSrc"));
            assertThat(tileRendition.path("profile").asText()).as("rendition picked for the tile").isEqualTo("square");
            assertThat(integer(tile.get("pixelWidth"))).as("tile image width = the rendition's")
                    .isEqualTo(tileRendition.path("width").asInt()).isEqualTo(256);
            assertThat(integer(tile.get("pixelHeight"))).as("tile image height").isEqualTo(tileRendition.path("height").asInt());
            assertThat(integer(tile.get("naturalWidth"))).as("the tile's natural width: 256 px at the density of a 240 px slot")
                    .isBetween(239, 241);

            // details open from the keyboard
            card.locator(".card-media").focus();
            page.keyboard().press("Enter");
            Locator details = page.locator("#details");
            PlaywrightAssertions.assertThat(details).isVisible();
            PlaywrightAssertions.assertThat(page.locator("#details-title")).hasText("landscape.jpg");
            // a 680 CSS px slot at 1x: the browser picks the 1280 px tablet rendition over the 640 px phone one
            Map<String, Object> large = loaded(details.locator("img.details-img"));
            JsonNode largeRendition = renditionShown(asset(id), (String) large.get("currentSrc"));
            assertThat(largeRendition.path("profile").asText()).as("rendition picked for the details").isEqualTo("tablet");
            assertThat(integer(large.get("pixelWidth"))).as("details image width = the rendition's")
                    .isEqualTo(largeRendition.path("width").asInt()).isEqualTo(1280);
            assertThat(integer(large.get("pixelHeight"))).as("details image height = the rendition's")
                    .isEqualTo(largeRendition.path("height").asInt());

            // metadata and every rendition with its size
            PlaywrightAssertions.assertThat(details.locator(".details-info")).containsText("2400 px");
            PlaywrightAssertions.assertThat(details.locator(".details-info")).containsText("1600 px");
            PlaywrightAssertions.assertThat(details.locator(".details-info")).containsText("583 KB");
            Locator rows = details.locator("table.renditions tbody tr");
            PlaywrightAssertions.assertThat(rows).hasCount(asset.path("renditions").size());
            for (JsonNode r : asset.path("renditions")) {
                Locator row = details.locator("tr[data-rendition='" + r.path("name").asText() + "']");
                PlaywrightAssertions.assertThat(row).containsText(r.path("width").asInt() + " × " + r.path("height").asInt());
                PlaywrightAssertions.assertThat(row.locator("td.num")).not().hasText("—");
            }
            screenshot("photo-details");

            // Escape closes the dialog and gives the focus back to the tile
            page.keyboard().press("Escape");
            PlaywrightAssertions.assertThat(details).isHidden();
            assertThat(card.locator(".card-media").evaluate("el => el === document.activeElement"))
                    .as("focus back on the tile").isEqualTo(true);
        }
    }

    @Nested
    @Order(4)
    class CorruptImage {

        @Test
        void endsAsFailedWithTheReason() {
            open();
            upload(SAMPLES.resolve("corrupt.jpg"));
            Locator card = cardNamed("corrupt.jpg");
            PlaywrightAssertions.assertThat(card).hasAttribute("data-status", "failed", processing());
            PlaywrightAssertions.assertThat(card.locator(".badge")).hasText("Failed");
            Locator reason = card.locator(".card-reason");
            PlaywrightAssertions.assertThat(reason).isVisible();
            assertThat(reason.textContent()).as("the reason shown").isNotBlank().doesNotContain("Waiting");
            // the live region announced it
            PlaywrightAssertions.assertThat(page.locator("#announcer")).containsText("corrupt.jpg");
        }

        @Test
        void aFileTheApiDoesNotAcceptIsRefusedInTheBrowser() {
            open();
            page.setInputFiles("#file-input", new FilePayload("notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)));
            Locator card = cardNamed("notes.txt");
            PlaywrightAssertions.assertThat(card).hasAttribute("data-status", "failed");
            PlaywrightAssertions.assertThat(card.locator(".card-reason")).containsText("not accepted");
            assertThat(card.getAttribute("data-id")).as("never sent: no asset id").isNull();
        }
    }

    @Nested
    @Order(5)
    class CraftedFileName {

        static final String NAME = "<img src=x onerror=alert(1)>.jpg";

        @Test
        void isShownAsTextAndRunsNoScript() throws Exception {
            open();
            page.setInputFiles("#file-input", new FilePayload(NAME, "image/jpeg", Files.readAllBytes(SAMPLES.resolve("tiny.jpg"))));
            // while it uploads the card shows the name as the browser gave it: as text, never parsed
            Locator uploading = cardNamed(NAME);
            PlaywrightAssertions.assertThat(uploading).hasCount(1);
            assertThat(uploading.locator(".card-name").textContent()).as("name as text").isEqualTo(NAME);
            assertThat(page.locator("img[src='x']").count()).as("injected img elements").isZero();
            assertThat(uploading.locator(".card-name *").count()).as("elements inside the name").isZero();
            PlaywrightAssertions.assertThat(uploading).hasAttribute("data-id", Pattern.compile(".+"), processing());
            String id = uploading.getAttribute("data-id");

            // once indexed, the card shows the name the API stored (the upload key drops markup characters)
            Locator card = page.locator("#grid > li[data-id='" + id + "']");
            PlaywrightAssertions.assertThat(card).hasAttribute("data-status", "ready", processing());
            String stored = asset(id).path("fileName").asText();
            PlaywrightAssertions.assertThat(card.locator(".card-name")).hasText(stored);

            // after a reload, and in the details, still text
            page.reload();
            card = page.locator("#grid > li[data-id='" + id + "']");
            PlaywrightAssertions.assertThat(card).hasAttribute("data-status", "ready", processing());
            card.locator(".card-media").click();
            PlaywrightAssertions.assertThat(page.locator("#details-title")).hasText(stored);
            assertThat(page.locator("#details-title").evaluate("el => el.children.length")).as("elements in the title").isEqualTo(0);
            assertThat(page.locator("img[src='x']").count()).as("injected img elements after reload").isZero();
            page.keyboard().press("Escape");
            // closeBrowser() asserts that no dialog (alert) opened and no error was thrown
        }
    }

    @Nested
    @Order(6)
    class Delete {

        @Test
        void theCardGoesAndTheAssetIsGoneFromTheApi() throws Exception {
            open();
            upload(SAMPLES.resolve("gps-tagged.jpg"));
            Locator card = cardNamed("gps-tagged.jpg");
            PlaywrightAssertions.assertThat(card).hasAttribute("data-status", "ready", processing());
            String id = card.getAttribute("data-id");

            card.locator(".card-delete").click();
            Locator confirm = card.locator(".card-confirm");
            PlaywrightAssertions.assertThat(confirm).isVisible();
            // the focus is on the safe choice; Escape backs out
            page.keyboard().press("Escape");
            PlaywrightAssertions.assertThat(confirm).isHidden();
            card.locator(".card-delete").click();
            confirm.getByText("Delete", new Locator.GetByTextOptions().setExact(true)).click();

            PlaywrightAssertions.assertThat(page.locator("#grid > li[data-id='" + id + "']")).hasCount(0);
            PlaywrightAssertions.assertThat(page.locator("#announcer")).containsText("deleted");

            // the index removes the item within seconds: a reload must not bring it back
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int status;
            do {
                status = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.apiUri() + "/media/" + id)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } while (status != 404 && System.nanoTime() < deadline && pause());
            assertThat(status).as("GET /media/" + id + " after delete").isEqualTo(404);
            open();
            PlaywrightAssertions.assertThat(page.locator("#grid > li[data-id='" + id + "']")).hasCount(0);
        }
    }

    @Nested
    @Order(7)
    class Video {

        @Test
        void playsThroughHlsWithItsPoster() throws Exception {
            open();
            upload(SAMPLES.resolve("video/landscape-640x360.mp4"));
            Locator card = cardNamed("landscape-640x360.mp4");
            // transcoding: the function's first start extracts FFmpeg's natives, then encodes the ladder
            PlaywrightAssertions.assertThat(card).hasAttribute("data-status", "ready",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(TRANSCODING_TIMEOUT_MS));
            PlaywrightAssertions.assertThat(card.locator(".card-duration")).hasText("0:05");
            String id = card.getAttribute("data-id");
            JsonNode asset = asset(id);
            assertThat(asset.path("hls").path("url").asText()).as("the asset's HLS playlist").isNotBlank();

            // the tile shows the square poster frame (256 px crop of the 640x360 source)
            Map<String, Object> tile = loaded(card.locator("img.card-img"));
            JsonNode poster = renditionShown(asset, (String) tile.get("currentSrc"));
            assertThat(poster.path("profile").asText()).as("poster picked for the tile").isEqualTo("square");
            assertThat(List.of(integer(tile.get("pixelWidth")), integer(tile.get("pixelHeight")))).as("square poster size")
                    .containsExactly(256, 256);

            // the details play it through hls.js (Media Source Extensions), segments straight from the bucket
            card.locator(".card-media").click();
            Locator video = page.locator("#details video");
            PlaywrightAssertions.assertThat(video).hasAttribute("data-player", "hls.js");
            assertThat(video.getAttribute("poster")).as("the player's poster").contains("/thumbnails/");
            video.evaluate("v => { v.muted = true; return v.play(); }");
            page.waitForFunction("v => v.currentTime > 1 && v.videoWidth > 0", video.elementHandle(),
                    new Page.WaitForFunctionOptions().setTimeout(60_000));
            assertThat(video.evaluate("v => v.videoWidth / v.videoHeight")).as("the picture's aspect ratio")
                    .satisfies(ratio -> assertThat(((Number) ratio).doubleValue()).isCloseTo(16.0 / 9, org.assertj.core.data.Offset.offset(0.02)));
            PlaywrightAssertions.assertThat(page.locator("#details .details-info")).containsText("Duration");
            screenshot("video-details");
            page.keyboard().press("Escape");
            PlaywrightAssertions.assertThat(page.locator("#details")).isHidden();
        }
    }

    @Nested
    @Order(8)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Gallery {

        @Test
        @Order(1)
        void severalFilesAtOnceNewestFirstWithInfiniteScroll() throws Exception {
            open();
            upload(SAMPLES.resolve("portrait.jpg"), SAMPLES.resolve("alpha.png"), SAMPLES.resolve("photo.webp"),
                    SAMPLES.resolve("not-an-image.jpg"));
            for (String name : List.of("portrait.jpg", "alpha.png", "photo.webp")) {
                PlaywrightAssertions.assertThat(cardNamed(name)).hasAttribute("data-status", "ready", processing());
            }
            PlaywrightAssertions.assertThat(cardNamed("not-an-image.jpg"))
                    .hasAttribute("data-status", Pattern.compile("unsupported|failed"), processing());

            // pages of two: scrolling loads the rest, each asset once, newest first
            open("?pageSize=2");
            Locator cards = page.locator("#grid > li.card");
            PlaywrightAssertions.assertThat(cards).hasCount(2);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20 && !page.locator("#load-more").isHidden(); i++) {
                page.locator("#sentinel").scrollIntoViewIfNeeded();
                page.waitForFunction("n => document.querySelectorAll('#grid > li.card').length > n || document.getElementById('load-more').hidden",
                        cards.count());
            }
            for (Locator c : cards.all()) {
                ids.add(c.getAttribute("data-id"));
            }
            assertThat(ids).as("every asset once").doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(7);
            // the page lists what the API lists, in its order: newest upload first
            List<String> listed = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode listing = get("/media?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
                listing.path("items").forEach(item -> listed.add(item.path("id").asText()));
                cursor = listing.path("nextCursor").isTextual() ? listing.path("nextCursor").asText() : null;
            } while (cursor != null);
            assertThat(ids).as("cards in the API's order").isEqualTo(listed);
            List<String> names = cards.locator(".card-name").allTextContents();
            assertThat(names.subList(0, 4)).as("the last drop first")
                    .containsExactlyInAnyOrder("portrait.jpg", "alpha.png", "photo.webp", "not-an-image.jpg");
            assertThat(names).as("the first upload last").endsWith("landscape.jpg");
        }

        @Test
        @Order(2)
        void worksOnAPhoneSizedScreen() {
            newPage(390, 844, 3);
            open();
            Locator card = cardNamed("portrait.jpg");
            PlaywrightAssertions.assertThat(card).hasAttribute("data-status", "ready");
            assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no horizontal scrolling").isEqualTo(true);
            // two columns of ~170 CSS px at 3x: the browser picks the 640 px phone rendition over the 256 px square
            Map<String, Object> tile = loaded(card.locator("img.card-img"));
            assertThat(integer(tile.get("pixelWidth"))).as("tile width on a 3x phone").isEqualTo(640);
            card.locator(".card-media").click();
            PlaywrightAssertions.assertThat(page.locator("#details")).isVisible();
            assertThat(page.locator("#details").boundingBox().width).as("details fill the screen").isEqualTo(390.0);
            screenshot("phone-details");
            page.locator("#details-close").click();
            PlaywrightAssertions.assertThat(page.locator("#details")).isHidden();
        }

        @Test
        @Order(3)
        void readmeScreenshot() throws IOException {
            newPage(1200, 820, 1);
            open();
            PlaywrightAssertions.assertThat(cardNamed("landscape.jpg")).hasAttribute("data-status", "ready");
            // every thumbnail on screen has loaded (those below the fold load lazily, when scrolled to)
            page.waitForFunction("() => [...document.querySelectorAll('#grid img.card-img')]"
                    + ".filter(i => !i.hidden && i.getBoundingClientRect().top < innerHeight)"
                    + ".every(i => i.complete && i.naturalWidth > 0)");
            byte[] png = page.screenshot(new Page.ScreenshotOptions().setFullPage(false));
            byte[] small = ReadmeScreenshot.compress(png, 960);
            Files.write(SCREENSHOTS.resolve("readme.png"), small);
            assertThat(small.length).as("README screenshot size").isLessThanOrEqualTo(150 * 1024);
            if (Boolean.getBoolean("website.screenshot")) {
                Files.write(PROJECT.resolve("website").resolve("screenshot.png"), small);
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(250);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
