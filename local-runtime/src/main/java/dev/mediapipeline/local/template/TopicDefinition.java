package dev.mediapipeline.local.template;

/** An {@code AWS::SNS::Topic}. */
public record TopicDefinition(String logicalId, String name, String arn) {
}
