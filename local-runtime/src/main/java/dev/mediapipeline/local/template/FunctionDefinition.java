package dev.mediapipeline.local.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function}, after Globals were merged and intrinsics resolved.
 *
 * @param name        the function name (FunctionName, else the logical id, as {@code sam local} names it)
 * @param codeUri     the deployment package: a jar (or a directory of classes), absolute
 * @param environment the Environment Variables, values as strings
 */
public record FunctionDefinition(String logicalId, String name, String arn, String handler, Path codeUri,
                                 String runtime, int memorySizeMb, int timeoutSeconds, Map<String, String> environment,
                                 EventInvokeConfig eventInvokeConfig, List<HttpRoute> httpRoutes) {

    public FunctionDefinition {
        environment = Map.copyOf(environment);
        httpRoutes = List.copyOf(httpRoutes);
    }
}
