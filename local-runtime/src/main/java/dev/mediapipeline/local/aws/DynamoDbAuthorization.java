package dev.mediapipeline.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mediapipeline.local.iam.DynamoDbActions;
import dev.mediapipeline.local.iam.FunctionPrincipal;
import dev.mediapipeline.local.iam.LocalIam;
import dev.mediapipeline.local.iam.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;

/**
 * Whether IAM lets a DynamoDB request through, decided before DynamoDB Local (which checks no signature) runs it:
 * a function's key is evaluated against its role, with its session token required; any other key has full access.
 * A refusal is DynamoDB's: HTTP 400 {@code AccessDeniedException} naming the action and resource.
 */
final class DynamoDbAuthorization {

    /** Empty to proceed, else the error to answer. */
    record Refusal(int status, String code, String message) {
    }

    private final LocalIam iam;
    private final String region;

    DynamoDbAuthorization(LocalIam iam, String region) {
        this.iam = iam;
        this.region = region;
    }

    Optional<Refusal> decide(Request request, Optional<String> accessKeyId, JsonNode body) {
        Optional<FunctionPrincipal> found = accessKeyId.flatMap(iam::principal);
        String target = request.getHeaders().get("X-Amz-Target");
        if (found.isEmpty() || body == null || target == null || target.indexOf('.') < 0) {
            return Optional.empty();
        }
        FunctionPrincipal principal = found.get();
        if (!principal.credentials().sessionToken().equals(request.getHeaders().get("X-Amz-Security-Token"))) {
            return Optional.of(new Refusal(400, "com.amazon.coral.service#UnrecognizedClientException",
                    "The security token included in the request is invalid."));
        }
        var checks = DynamoDbActions.classify(target, body, principal.partition(), region, principal.account())
                .stream().map(check -> check.with(Map.of("aws:SecureTransport", List.of("false"),
                        "aws:RequestedRegion", List.of(region))).with(check.context()))
                .toList();
        if (iam.authorize(principal, checks) instanceof Verdict.Denied denied) {
            return Optional.of(new Refusal(400, "com.amazon.coral.service#AccessDeniedException",
                    denied.denial().message(false)));
        }
        return Optional.empty();
    }
}
