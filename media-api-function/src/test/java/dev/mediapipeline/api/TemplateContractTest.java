package dev.mediapipeline.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mediapipeline.model.Config;
import dev.mediapipeline.testing.TemplateTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** template.yaml deploys this module with the variables MediaApiConfig reads and a route for every API route. */
class TemplateContractTest {

    @Test
    void handlerPackageEnvironmentAndRoutes() throws Exception {
        JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(TemplateTables.projectTemplate().toFile()).path("Resources");
        JsonNode p = resources.path("MediaApiFunction").path("Properties");
        assertThat(p.path("Handler").asText()).isEqualTo(MediaApiHandler.class.getName() + "::handleRequest");
        assertThat(p.path("CodeUri").asText()).isEqualTo("media-api-function/target/media-api-function.jar");

        Map<String, String> env = new HashMap<>();
        p.path("Environment").path("Variables").properties().forEach(e -> env.put(e.getKey(), "x"));
        assertThat(env).containsKeys("UPLOAD_BUCKET", "RENDITIONS_BUCKET", "MEDIA_TABLE", "ALLOWED_UPLOAD_TYPES", "MAX_UPLOAD_BYTES",
                "UPLOAD_URL_EXPIRY_MINUTES", "ALLOWED_ORIGINS");
        env.put("ALLOWED_UPLOAD_TYPES", "image/jpeg");
        env.put("MAX_UPLOAD_BYTES", "1000");
        env.put("UPLOAD_URL_EXPIRY_MINUTES", "15");
        env.put("ALLOWED_ORIGINS", "*");
        assertThat(MediaApiConfig.from(new Config(env)).table()).isEqualTo("x");

        List<String> routes = new ArrayList<>();
        for (JsonNode e : p.path("Events")) {
            assertThat(e.path("Type").asText()).isEqualTo("HttpApi");
            assertThat(e.path("Properties").path("ApiId").asText()).isEqualTo("MediaHttpApi");
            routes.add(e.path("Properties").path("Method").asText() + " " + e.path("Properties").path("Path").asText());
        }
        assertThat(routes).containsExactlyInAnyOrder("POST /uploads", "GET /limits", "GET /media", "GET /media/{id}", "DELETE /media/{id}",
                "GET /media/{id}/hls/{proxy+}", "OPTIONS /{proxy+}", "ANY $default");
        assertThat(resources.path("MediaHttpApi").path("Type").asText()).isEqualTo("AWS::Serverless::HttpApi");
    }
}
