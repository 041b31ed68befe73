package dev.mediapipeline.local.template;

import java.util.List;

/**
 * The execution role a function runs with, as CloudFormation would create it from the translated template.
 *
 * @param logicalId         the role's logical id ({@code <Function>Role} when SAM creates it)
 * @param arn               the role's ARN
 * @param statements        every statement of its inline and customer managed policies, SAM policy templates
 *                          expanded, in the translator's order
 * @param managedPolicyArns the AWS managed policies attached by ARN (SAM adds AWSLambdaBasicExecutionRole)
 */
public record FunctionRole(String logicalId, String arn, List<PolicyStatement> statements,
                           List<String> managedPolicyArns) {

    public FunctionRole {
        statements = List.copyOf(statements);
        managedPolicyArns = List.copyOf(managedPolicyArns);
    }
}
