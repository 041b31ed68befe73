package dev.mediapipeline.local.template;

/** Where Lambda sends the record of an asynchronous invocation (DestinationConfig OnFailure / OnSuccess). */
public record Destination(Type type, String arn) {

    public enum Type {
        S3, LAMBDA, SQS, SNS, EVENT_BRIDGE;

        static Type parse(String text) {
            return switch (text) {
                case "S3Bucket" -> S3;
                case "Lambda" -> LAMBDA;
                case "SQS" -> SQS;
                case "SNS" -> SNS;
                case "EventBridge" -> EVENT_BRIDGE;
                default -> throw new IllegalArgumentException(
                        "'Type: " + text + "' must be one of ['SQS', 'SNS', 'EventBridge', 'Lambda', 'S3Bucket']"
                                + " (what aws-sam-translator accepts)");
            };
        }
    }
}
