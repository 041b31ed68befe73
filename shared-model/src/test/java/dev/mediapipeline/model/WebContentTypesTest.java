package dev.mediapipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebContentTypesTest {

    @Test
    void typesOfTheSitesFiles() {
        assertThat(WebContentTypes.of("index.html")).as("html").isEqualTo("text/html; charset=utf-8");
        assertThat(WebContentTypes.of("js/main.js")).as("module script").isEqualTo("text/javascript; charset=utf-8");
        assertThat(WebContentTypes.of("CSS/APP.CSS")).as("extension case ignored").isEqualTo("text/css; charset=utf-8");
        assertThat(WebContentTypes.of("favicon.svg")).as("svg").isEqualTo("image/svg+xml");
    }

    @Test
    void unknownOrMissingExtensionsAreOctetStream() {
        assertThat(WebContentTypes.of("vendor/hls.js/LICENSE")).as("a dot in a folder is no extension")
                .isEqualTo(WebContentTypes.DEFAULT);
        assertThat(WebContentTypes.of("archive.tar.zst")).as("unknown").isEqualTo("application/octet-stream");
        assertThat(WebContentTypes.of("README")).as("none").isEqualTo("application/octet-stream");
    }
}
