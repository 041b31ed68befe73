package dev.mediapipeline.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnsFilterPolicyTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> policy(String json) throws Exception {
        return new ObjectMapper().readValue(json, Map.class);
    }

    @Test
    void attributePoliciesMatchLikeSns() throws Exception {
        Map<String, Map<String, String>> attributes = Map.of(
                "kind", Map.of("Type", "String", "Value", "image"),
                "size", Map.of("Type", "Number", "Value", "2048"));
        assertThat(SnsFilterPolicy.matchesAttributes(policy("{\"kind\":[\"image\",\"video\"]}"), attributes)).isTrue();
        assertThat(SnsFilterPolicy.matchesAttributes(policy("{\"kind\":[\"video\"]}"), attributes)).isFalse();
        assertThat(SnsFilterPolicy.matchesAttributes(policy("{\"kind\":[{\"prefix\":\"im\"}],\"size\":[{\"numeric\":[\">\",1024,\"<=\",4096]}]}"), attributes)).isTrue();
        assertThat(SnsFilterPolicy.matchesAttributes(policy("{\"kind\":[{\"anything-but\":[\"image\"]}]}"), attributes)).isFalse();
        assertThat(SnsFilterPolicy.matchesAttributes(policy("{\"missing\":[{\"exists\":false}]}"), attributes)).isTrue();
        assertThat(SnsFilterPolicy.matchesAttributes(policy("{\"kind\":[\"image\"]}"), Map.of()))
                .as("S3 notifications carry no attributes: an attribute policy filters them all out").isFalse();
    }

    @Test
    void bodyPoliciesLookIntoNestedJson() throws Exception {
        String s3Event = "{\"Records\":[{\"eventName\":\"ObjectRemoved:Delete\",\"s3\":{\"object\":{\"key\":\"a.jpg\",\"size\":5}}}]}";
        assertThat(SnsFilterPolicy.matchesBody(policy("{\"Records\":{\"eventName\":[{\"prefix\":\"ObjectRemoved:\"}]}}"), s3Event)).isTrue();
        assertThat(SnsFilterPolicy.matchesBody(policy("{\"Records\":{\"eventName\":[{\"prefix\":\"ObjectCreated:\"}]}}"), s3Event)).isFalse();
        assertThat(SnsFilterPolicy.matchesBody(policy("{\"Records\":{\"s3\":{\"object\":{\"key\":[{\"suffix\":\".jpg\"}]}}}}"), s3Event)).isTrue();
        assertThat(SnsFilterPolicy.matchesBody(policy("{\"$or\":[{\"x\":[1]},{\"Records\":{\"s3\":{\"object\":{\"size\":[5]}}}}]}"), s3Event)).isTrue();
    }
}
