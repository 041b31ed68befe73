package dev.mediapipeline.local.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function}, after Globals were merged and intrinsics resolved.
 *
 * @param name        the function name (FunctionName, else the logical id, as {@code sam local} names it)
 * @param codeUri     the deployment package: a jar (or a directory of classes), absolute
 * @param environment  the Environment Variables, values as strings
 * @param architecture {@code x86_64} or {@code arm64} (Architectures, default x86_64)
 * @param layers       the Layers' ARNs (or, for layers of this template, their logical ids' ARNs), in order
 * @param role         the execution role and its policies
 */
public record FunctionDefinition(String logicalId, String name, String arn, String handler, Path codeUri,
                                 String runtime, int memorySizeMb, int timeoutSeconds, Map<String, String> environment,
                                 EventInvokeConfig eventInvokeConfig, List<HttpRoute> httpRoutes,
                                 String architecture, List<String> layers, FunctionRole role) {

    public FunctionDefinition {
        environment = Map.copyOf(environment);
        httpRoutes = List.copyOf(httpRoutes);
        layers = List.copyOf(layers);
    }

    /** A function with no layers on x86_64 whose role grants nothing (tests of the function runtime). */
    public static FunctionDefinition bare(String logicalId, String handler, Path codeUri, int memorySizeMb,
                                          int timeoutSeconds, Map<String, String> environment) {
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:" + logicalId;
        return new FunctionDefinition(logicalId, logicalId, arn, handler, codeUri, "java21", memorySizeMb,
                timeoutSeconds, environment, EventInvokeConfig.DEFAULT, List.of(), "x86_64", List.of(),
                new FunctionRole(logicalId + "Role", "arn:aws:iam::000000000000:role/" + logicalId + "Role",
                        List.of(), List.of()));
    }
}
