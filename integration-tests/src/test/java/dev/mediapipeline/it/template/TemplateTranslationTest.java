package dev.mediapipeline.it.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.local.template.CloudFormationYaml;
import dev.mediapipeline.testing.SamTools;
import dev.mediapipeline.testing.SamTools.Refused;
import dev.mediapipeline.testing.SamTools.Translated;
import dev.mediapipeline.testing.SamTools.Translation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * aws-sam-translator, the library behind {@code sam deploy}'s transform, on template.yaml: it accepts the template
 * with the defaults and with every value of every parameter that changes the template's shape
 * ({@link TemplateCases}), and its CloudFormation is the real translation of our resources: every serverless
 * function a Lambda function with an execution role, its events wired (permissions, SNS subscriptions, bucket
 * notifications), its on-failure destination an event invoke config; the HTTP API an API Gateway v2 API with a
 * stage. Without the translator it skips on a developer's machine and fails under {@code CI=true}. That it can
 * fail: {@link BrokenTemplateTest}.
 */
class TemplateTranslationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> PRINCIPALS = Map.of("SNS", "sns.amazonaws.com", "S3", "s3.amazonaws.com",
            "HttpApi", "apigateway.amazonaws.com");

    /** The source template as JSON, intrinsic functions in their long form. */
    static JsonNode source() {
        return JSON.valueToTree(CloudFormationYaml.read(TemplateCases.projectTemplate()));
    }

    /** Each case is translated once for all the tests that look at it. */
    static final Map<TemplateCases.Case, JsonNode> TRANSLATIONS = new ConcurrentHashMap<>();

    static JsonNode translated(TemplateCases.Case c) {
        return TRANSLATIONS.computeIfAbsent(c, TemplateTranslationTest::translate);
    }

    static JsonNode translate(TemplateCases.Case c) {
        Translation translation = SamTools.translate(TemplateCases.projectTemplate(), c.parameters());
        return switch (translation) {
            case Translated t -> t.cloudFormation();
            case Refused r -> throw new AssertionError("aws-sam-translator refused template.yaml with " + c + ":\n"
                    + r.message());
        };
    }

    static List<String> idsOfType(JsonNode template, String type) {
        List<String> ids = new ArrayList<>();
        template.path("Resources").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                ids.add(e.getKey());
            }
        });
        return ids;
    }

    static JsonNode ref(String logicalId) {
        return JSON.createObjectNode().put("Ref", logicalId);
    }

    static JsonNode arnOf(String logicalId) {
        return JSON.createObjectNode().set("Fn::GetAtt", JSON.createArrayNode().add(logicalId).add("Arn"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mediapipeline.it.template.TemplateCases#ofProjectTemplate")
    void noServerlessResourceIsLeft(TemplateCases.Case c) {
        JsonNode out = translated(c);
        List<String> types = new ArrayList<>();
        out.path("Resources").forEach(r -> types.add(r.path("Type").asText()));
        assertThat(types).as("resource types after the transform (%s)", c)
                .isNotEmpty().noneMatch(t -> t.startsWith("AWS::Serverless::"));
        assertThat(out.has("Transform")).as("the Transform is consumed").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mediapipeline.it.template.TemplateCases#ofProjectTemplate")
    void everyFunctionBecomesALambdaFunctionWithARoleAndItsPackage(TemplateCases.Case c) {
        JsonNode in = source();
        JsonNode out = translated(c);
        List<String> functions = idsOfType(in, "AWS::Serverless::Function");
        assertThat(functions).as("serverless functions in template.yaml").isNotEmpty();
        for (String id : functions) {
            JsonNode function = out.path("Resources").path(id);
            assertThat(function.path("Type").asText()).as("%s (%s)", id, c).isEqualTo("AWS::Lambda::Function");
            JsonNode p = function.path("Properties");
            JsonNode role = p.path("Role");
            assertThat(role.isMissingNode()).as("%s has an execution role", id).isFalse();
            if (role.has("Fn::GetAtt")) {
                String roleId = role.path("Fn::GetAtt").path(0).asText();
                assertThat(out.path("Resources").path(roleId).path("Type").asText()).as("%s's role %s", id, roleId)
                        .isEqualTo("AWS::IAM::Role");
            }
            assertThat(p.path("Code").path("S3Key").asText()).as("%s's package (CodeUri)", id)
                    .contains(in.path("Resources").path(id).path("Properties").path("CodeUri").asText()
                            .replaceAll("[^A-Za-z0-9._-]", "_"));
            JsonNode runtime = in.path("Resources").path(id).at("/Properties/Runtime");
            assertThat(p.path("Runtime").asText()).as("%s's runtime (its own or the Globals')", id)
                    .isEqualTo(runtime.isMissingNode() ? in.at("/Globals/Function/Runtime").asText() : runtime.asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mediapipeline.it.template.TemplateCases#ofProjectTemplate")
    void everyEventIsWiredWithAnInvokePermission(TemplateCases.Case c) {
        JsonNode in = source();
        JsonNode out = translated(c);
        JsonNode resources = out.path("Resources");
        for (String id : idsOfType(in, "AWS::Serverless::Function")) {
            in.path("Resources").path(id).path("Properties").path("Events").properties().forEach(e -> {
                String type = e.getValue().path("Type").asText();
                JsonNode own = resources.path(id + e.getKey() + "Permission");
                // SAM gives an HttpApi with a $default route one permission (any route) instead of one per route
                JsonNode permission = own.isMissingNode() && type.equals("HttpApi")
                        ? defaultRoutePermission(in, resources, id) : own;
                assertThat(permission.path("Type").asText()).as("%s event %s (%s): a permission", id, e.getKey(), c)
                        .isEqualTo("AWS::Lambda::Permission");
                assertThat(permission.at("/Properties/FunctionName")).as("%s's permission", id).isEqualTo(ref(id));
                assertThat(permission.at("/Properties/Principal").asText()).as("%s event %s principal", id, e.getKey())
                        .isEqualTo(PRINCIPALS.get(type));
                if (type.equals("SNS")) {
                    JsonNode subscription = resources.path(id + e.getKey());
                    assertThat(subscription.path("Type").asText()).isEqualTo("AWS::SNS::Subscription");
                    assertThat(subscription.at("/Properties/Endpoint")).as("%s's subscription", id).isEqualTo(arnOf(id));
                    assertThat(subscription.at("/Properties/Protocol").asText()).isEqualTo("lambda");
                } else if (type.equals("S3")) {
                    String bucket = e.getValue().at("/Properties/Bucket/Ref").asText();
                    List<JsonNode> targets = new ArrayList<>();
                    resources.path(bucket).at("/Properties/NotificationConfiguration/LambdaConfigurations")
                            .forEach(n -> targets.add(n.path("Function")));
                    assertThat(targets).as("%s notifies %s (event %s)", bucket, id, e.getKey()).contains(arnOf(id));
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mediapipeline.it.template.TemplateCases#ofProjectTemplate")
    void everyOnFailureDestinationBecomesAnEventInvokeConfig(TemplateCases.Case c) {
        JsonNode in = source();
        JsonNode out = translated(c);
        int configs = 0;
        for (String id : idsOfType(in, "AWS::Serverless::Function")) {
            JsonNode wanted = in.path("Resources").path(id).path("Properties").path("EventInvokeConfig");
            if (wanted.isMissingNode()) {
                continue;
            }
            configs++;
            JsonNode config = out.path("Resources").path(id + "EventInvokeConfig");
            assertThat(config.path("Type").asText()).as("%s (%s)", id, c).isEqualTo("AWS::Lambda::EventInvokeConfig");
            JsonNode p = config.path("Properties");
            assertThat(p.path("FunctionName")).as("%s's invoke config", id).isEqualTo(ref(id));
            assertThat(p.path("MaximumRetryAttempts")).as("%s's retries", id).isEqualTo(wanted.path("MaximumRetryAttempts"));
            assertThat(p.at("/DestinationConfig/OnFailure/Destination").isMissingNode())
                    .as("%s's on-failure destination", id).isFalse();
        }
        assertThat(configs).as("functions with an on-failure destination").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mediapipeline.it.template.TemplateCases#ofProjectTemplate")
    void theHttpApiBecomesAnApiGatewayV2ApiWithAStage(TemplateCases.Case c) {
        JsonNode out = translated(c);
        List<String> apis = idsOfType(source(), "AWS::Serverless::HttpApi");
        assertThat(apis).as("HTTP APIs in template.yaml").isNotEmpty();
        for (String id : apis) {
            assertThat(out.path("Resources").path(id).path("Type").asText()).as("%s (%s)", id, c)
                    .isEqualTo("AWS::ApiGatewayV2::Api");
            List<JsonNode> stagesOfApi = new ArrayList<>();
            idsOfType(out, "AWS::ApiGatewayV2::Stage").forEach(s -> stagesOfApi.add(out.path("Resources").path(s)
                    .at("/Properties/ApiId")));
            assertThat(stagesOfApi).as("stages of %s", id).contains(ref(id));
        }
    }

    private static JsonNode defaultRoutePermission(JsonNode in, JsonNode resources, String id) {
        for (var e : in.path("Resources").path(id).path("Properties").path("Events").properties()) {
            if ("$default".equals(e.getValue().at("/Properties/Path").asText())) {
                return resources.path(id + e.getKey() + "Permission");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
