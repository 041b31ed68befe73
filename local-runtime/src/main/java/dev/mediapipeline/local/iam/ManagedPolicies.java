package dev.mediapipeline.local.iam;

import dev.mediapipeline.local.template.PolicyStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few AWS managed policies SAM attaches or templates commonly name, with the statements that matter to the
 * local endpoint (S3 and DynamoDB; the others are kept to what they grant elsewhere, which the endpoint never asks
 * about). Looked up by the policy's path and name, so any partition's ARN works. An unknown managed policy grants
 * nothing locally (the runtime warns at start).
 */
public final class ManagedPolicies {

    private static final Map<String, List<PolicyStatement>> BY_NAME = Map.of(
            "service-role/AWSLambdaBasicExecutionRole",
            List.of(allow("AWSLambdaBasicExecutionRole", "*",
                    "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents")),
            "service-role/AWSLambdaVPCAccessExecutionRole",
            List.of(allow("AWSLambdaVPCAccessExecutionRole", "*", "logs:CreateLogGroup", "logs:CreateLogStream",
                    "logs:PutLogEvents", "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
                    "ec2:UnassignPrivateIpAddresses")),
            "AWSXrayWriteOnlyAccess",
            List.of(allow("AWSXrayWriteOnlyAccess", "*", "xray:PutTraceSegments", "xray:PutTelemetryRecords",
                    "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries")),
            "AWSXRayDaemonWriteAccess",
            List.of(allow("AWSXRayDaemonWriteAccess", "*", "xray:PutTraceSegments", "xray:PutTelemetryRecords",
                    "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries")),
            "AmazonS3ReadOnlyAccess",
            List.of(allow("AmazonS3ReadOnlyAccess", "*", "s3:Get*", "s3:List*", "s3:Describe*",
                    "s3-object-lambda:Get*", "s3-object-lambda:List*")),
            "AmazonS3FullAccess",
            List.of(allow("AmazonS3FullAccess", "*", "s3:*", "s3-object-lambda:*")),
            "AmazonDynamoDBReadOnlyAccess",
            List.of(allow("AmazonDynamoDBReadOnlyAccess", "*", "dynamodb:BatchGetItem", "dynamodb:Describe*",
                    "dynamodb:List*", "dynamodb:GetAbacStatus", "dynamodb:GetItem", "dynamodb:GetResourcePolicy",
                    "dynamodb:Query", "dynamodb:Scan", "dynamodb:PartiQLSelect")),
            "AmazonDynamoDBFullAccess",
            List.of(allow("AmazonDynamoDBFullAccess", "*", "dynamodb:*")));

    private ManagedPolicies() {
    }

    /** The statements of a known AWS managed policy ({@code arn:<partition>:iam::aws:policy/<path/name>}). */
    public static Optional<List<PolicyStatement>> statements(String arn) {
        int marker = arn == null ? -1 : arn.indexOf(":iam::aws:policy/");
        if (marker < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(arn.substring(marker + ":iam::aws:policy/".length())));
    }

    private static PolicyStatement allow(String policy, String resource, String... actions) {
        return new PolicyStatement("", PolicyStatement.Effect.ALLOW, List.of(actions), List.of(), List.of(resource),
                List.of(), Map.of(), policy + " (AWS managed)");
    }
}
