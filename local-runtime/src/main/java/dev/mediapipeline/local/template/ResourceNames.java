package dev.mediapipeline.local.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names as AWS gives them: pseudo parameters, each resource's physical id (its name property, else generated the way
 * CloudFormation does), what {@code Ref} and {@code Fn::GetAtt} return, and ARNs.
 */
final class ResourceNames {

    static final String PARTITION = "aws";

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final TemplateContext context;
    private final Map<String, String> physicalIds = new HashMap<>();
    private final Set<String> inProgress = new LinkedHashSet<>();

    ResourceNames(TemplateContext context) {
        this.context = context;
    }

    private String region() {
        return context.settings.region();
    }

    private String account() {
        return context.settings.accountId();
    }

    Object pseudo(String name) {
        var s = context.settings;
        return switch (name) {
            case "AWS::AccountId" -> s.accountId();
            case "AWS::Region" -> s.region();
            case "AWS::StackName" -> s.stackName();
            case "AWS::StackId" -> "arn:" + PARTITION + ":cloudformation:" + s.region() + ":" + s.accountId()
                    + ":stack/" + s.stackName() + "/" + uuidFor(s.stackName());
            case "AWS::Partition" -> PARTITION;
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::NotificationARNs" -> List.of();
            case "AWS::NoValue" -> Intrinsics.NO_VALUE;
            default -> null;
        };
    }

    String functionArn(String name) {
        return "arn:" + PARTITION + ":lambda:" + region() + ":" + account() + ":function:" + name;
    }

    String roleArn(String name) {
        return "arn:" + PARTITION + ":iam::" + account() + ":role/" + name;
    }

    /** What {@code Ref} of the resource returns. */
    String ref(TemplateResource r) {
        if (r.implicit() && (r.is("AWS::Lambda::Version") || r.is("AWS::Lambda::Alias"))) {
            // locally there is one version of each function: version 1, which the alias points at
            TemplateResource function = context.resources.get(String.valueOf(r.properties().get("FunctionName")));
            String arn = functionArn(physicalId(function));
            return r.is("AWS::Lambda::Version") ? arn + ":1"
                    : arn + ":" + Intrinsics.scalar(context.property(function, "AutoPublishAlias"),
                    function.propertyPath("AutoPublishAlias"));
        }
        String id = physicalId(r);
        return switch (r.type()) {
            case "AWS::SNS::Topic" -> "arn:" + PARTITION + ":sns:" + region() + ":" + account() + ":" + id;
            case "AWS::SQS::Queue" -> "https://sqs." + region() + ".amazonaws.com/" + account() + "/" + id;
            case "AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion" ->
                    "arn:" + PARTITION + ":lambda:" + region() + ":" + account() + ":layer:" + id + ":1";
            case "AWS::IAM::ManagedPolicy" -> "arn:" + PARTITION + ":iam::" + account() + ":policy/" + id;
            default -> id;
        };
    }

    Object attribute(TemplateResource r, String attribute, String at) {
        String id = physicalId(r);
        String region = region();
        String account = account();
        String arnPrefix = "arn:" + PARTITION + ":";
        Object value = switch (r.type()) {
            case "AWS::S3::Bucket" -> switch (attribute) {
                case "Arn" -> arnPrefix + "s3:::" + id;
                case "DomainName" -> id + ".s3.amazonaws.com";
                case "RegionalDomainName" -> id + ".s3." + region + ".amazonaws.com";
                case "DualStackDomainName" -> id + ".s3.dualstack." + region + ".amazonaws.com";
                case "WebsiteURL" -> "http://" + id + ".s3-website-" + region + ".amazonaws.com";
                default -> null;
            };
            case "AWS::SNS::Topic" -> switch (attribute) {
                case "TopicArn" -> ref(r);
                case "TopicName" -> id;
                case "Arn" -> {
                    context.warn(at + ": CloudFormation names this attribute TopicArn (Arn works only locally)");
                    yield ref(r);
                }
                default -> null;
            };
            case "AWS::Serverless::Function", "AWS::Lambda::Function" ->
                    attribute.equals("Arn") ? functionArn(id) : null;
            case "AWS::DynamoDB::Table" -> switch (attribute) {
                case "Arn" -> arnPrefix + "dynamodb:" + region + ":" + account + ":table/" + id;
                case "StreamArn" -> arnPrefix + "dynamodb:" + region + ":" + account + ":table/" + id
                        + "/stream/1970-01-01T00:00:00.000";
                default -> null;
            };
            case "AWS::IAM::Role" -> switch (attribute) {
                case "Arn" -> roleArn(id);
                case "RoleId" -> "AROA" + suffix(r.logicalId()).substring(0, 12);
                default -> null;
            };
            case "AWS::IAM::ManagedPolicy" -> attribute.equals("PolicyArn") ? ref(r) : null;
            case "AWS::SQS::Queue" -> switch (attribute) {
                case "Arn" -> arnPrefix + "sqs:" + region + ":" + account + ":" + id;
                case "QueueName" -> id;
                case "QueueUrl" -> ref(r);
                default -> null;
            };
            case "AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion" ->
                    attribute.equals("LayerVersionArn") ? ref(r) : null;
            case "AWS::Events::EventBus" -> switch (attribute) {
                case "Arn" -> arnPrefix + "events:" + region + ":" + account + ":event-bus/" + id;
                case "Name" -> id;
                default -> null;
            };
            case "AWS::Serverless::HttpApi", "AWS::Serverless::Api" ->
                    attribute.equals("ApiEndpoint") ? "https://" + id + ".execute-api." + region + ".amazonaws.com" : null;
            // not emulated (the web port serves the site locally), but their attributes appear in Outputs and policies
            case "AWS::CloudFront::Distribution" -> switch (attribute) {
                case "DomainName" -> "d" + suffix(r.logicalId()).toLowerCase(Locale.ROOT) + ".cloudfront.net";
                case "Id" -> "E" + suffix(r.logicalId()).toUpperCase(Locale.ROOT);
                default -> null;
            };
            case "AWS::CloudFront::OriginAccessControl", "AWS::CloudFront::CloudFrontOriginAccessIdentity" ->
                    attribute.equals("Id") ? "E" + suffix(r.logicalId()).toUpperCase(Locale.ROOT) : null;
            default -> attribute.equals("Arn")
                    ? arnPrefix + service(r.type()) + ":" + region + ":" + account + ":" + id : null;
        };
        if (value == null) {
            throw new TemplateException(at, r.logicalId() + " (" + r.type() + ") has no attribute '" + attribute
                    + "' that the local runtime knows");
        }
        return value;
    }

    private static String service(String type) {
        String[] parts = type.split("::");
        return parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "unknown";
    }

    /** The resource's name in AWS: its name property when set, else generated the way CloudFormation does. */
    String physicalId(TemplateResource r) {
        String known = physicalIds.get(r.logicalId());
        if (known != null) {
            return known;
        }
        if (!inProgress.add(r.logicalId())) {
            throw new TemplateException(r.path(), "its name depends on itself through " + inProgress);
        }
        try {
            String generated = context.settings.stackName() + "-" + r.logicalId() + "-" + suffix(r.logicalId());
            String id = switch (r.type()) {
                case "AWS::S3::Bucket" -> bucketName(r, generated);
                case "AWS::SNS::Topic" -> name(r, "TopicName", generated);
                case "AWS::Serverless::Function", "AWS::Lambda::Function" -> name(r, "FunctionName", r.logicalId());
                case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> name(r, "TableName", generated);
                case "AWS::IAM::Role" -> r.implicit() ? generated : name(r, "RoleName", generated);
                case "AWS::IAM::ManagedPolicy" -> name(r, "ManagedPolicyName", generated);
                case "AWS::SQS::Queue" -> name(r, "QueueName", generated);
                case "AWS::Serverless::LayerVersion" -> name(r, "LayerName", r.logicalId());
                case "AWS::Lambda::LayerVersion" -> name(r, "LayerName", generated);
                case "AWS::Events::EventBus" -> name(r, "Name", generated);
                case "AWS::Serverless::HttpApi", "AWS::Serverless::Api" ->
                        suffix(r.logicalId()).substring(0, 10).toLowerCase(Locale.ROOT);
                default -> generated;
            };
            physicalIds.put(r.logicalId(), id);
            return id;
        } finally {
            inProgress.remove(r.logicalId());
        }
    }

    private String name(TemplateResource r, String property, String otherwise) {
        return context.optionalString(r, property).orElse(otherwise);
    }

    private String bucketName(TemplateResource r, String generated) {
        String name = context.optionalString(r, "BucketName").orElse(null);
        if (name == null) {
            String lower = generated.toLowerCase(Locale.ROOT);
            return lower.length() > 63 ? lower.substring(0, 63) : lower;
        }
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
            throw new TemplateException(r.propertyPath("BucketName"), "'" + name + "' is not a valid bucket"
                    + " name (3 to 63 lowercase letters, digits, dots and hyphens)");
        }
        return name;
    }

    String suffix(String logicalId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((context.settings.stackName() + "/" + logicalId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest).substring(0, 13);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String uuidFor(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The function of this template an ARN (or a name) designates: its logical id's resource, or a failure at. */
    TemplateResource functionOfArn(String arn, String at) {
        return context.resourcesOfType("AWS::Serverless::Function")
                .filter(f -> {
                    String functionArn = functionArn(physicalId(f));
                    return arn.equals(functionArn) || arn.startsWith(functionArn + ":") || arn.equals(physicalId(f));
                })
                .findFirst()
                .orElseThrow(() -> new TemplateException(at, "'" + arn + "' is not a function of this template"));
    }
}
