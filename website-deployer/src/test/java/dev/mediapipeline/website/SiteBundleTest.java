package dev.mediapipeline.website;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteBundleTest {

    @Test
    void theBuildBundlesTheProjectsSiteOnTheClassPath() {
        try (SiteBundle bundle = SiteBundle.fromClasspath(); SiteBundle project = SiteBundle.fromDirectory(Path.of("..", "website", "public"))) {
            List<String> bundled = bundle.files().stream().map(SiteBundle.SiteFile::key).toList();
            List<String> source = project.files().stream().map(SiteBundle.SiteFile::key).toList();
            assertThat(bundled).as("bundled site = website/public").isEqualTo(source)
                    .contains("index.html", "js/main.js", "css/app.css", "vendor/hls.js/hls.light.min.js");
        }
    }
}
