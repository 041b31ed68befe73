package dev.mediapipeline.local.iam;

import dev.mediapipeline.local.template.PolicyStatement;
import java.util.List;

/**
 * A function as IAM sees its requests: the role session Lambda opens for it, with every statement of the role's
 * policies (inline, SAM policy templates expanded, known AWS managed policies).
 *
 * @param roleName the role's name (the last part of its ARN)
 * @param account  the role's account, also the account of the DynamoDB ARNs it is asked about
 */
public record FunctionPrincipal(String functionName, String roleName, String roleArn, String partition,
                                String account, List<PolicyStatement> statements, FunctionCredentials credentials) {

    public FunctionPrincipal {
        statements = List.copyOf(statements);
    }

    /** {@code arn:aws:sts::<account>:assumed-role/<role>/<function>}, the ARN AWS names in its denials. */
    public String sessionArn() {
        return "arn:" + partition + ":sts::" + account + ":assumed-role/" + roleName + "/" + functionName;
    }
}
