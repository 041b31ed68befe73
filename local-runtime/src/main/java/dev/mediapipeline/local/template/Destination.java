package dev.mediapipeline.local.template;

import java.util.List;
import java.util.Optional;

/** Where Lambda sends the record of an asynchronous invocation (DestinationConfig OnFailure / OnSuccess). */
public record Destination(Type type, String arn) {

    public enum Type {
        S3("S3Bucket", "s3"), LAMBDA("Lambda", "lambda"), SQS("SQS", "sqs"), SNS("SNS", "sns"),
        EVENT_BRIDGE("EventBridge", "events");

        /** The names SAM's {@code DestinationConfig.<event>.Type} accepts, in the translator's order. */
        public static final List<String> SAM_NAMES = List.of("SQS", "SNS", "EventBridge", "Lambda", "S3Bucket");

        private final String samName;
        private final String service;

        Type(String samName, String service) {
            this.samName = samName;
            this.service = service;
        }

        /** The Type as SAM writes it ({@code S3Bucket}, {@code Lambda}, {@code SQS}, {@code SNS}, {@code EventBridge}). */
        public String samName() {
            return samName;
        }

        /** The service of its ARNs ({@code arn:aws:<service>:...}). */
        public String service() {
            return service;
        }

        /** The type SAM's {@code Type} names; empty for any other text (SAM refuses the template then). */
        static Optional<Type> ofSamName(String text) {
            for (Type t : values()) {
                if (t.samName.equals(text)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }

        /** The type of an ARN's service ({@code AWS::Lambda::EventInvokeConfig} has no Type). */
        static Optional<Type> ofArn(String arn) {
            String[] parts = arn.split(":", -1);
            for (Type t : values()) {
                if (parts.length > 5 && parts[0].equals("arn") && parts[2].equals(t.service)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }
}
