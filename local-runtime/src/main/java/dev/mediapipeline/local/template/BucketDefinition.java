package dev.mediapipeline.local.template;

import java.util.List;

/**
 * An {@code AWS::S3::Bucket} of the template.
 *
 * @param notifications its NotificationConfiguration, plus the configurations SAM adds for functions with
 *                      {@code Type: S3} events on this bucket
 */
public record BucketDefinition(String logicalId, String name, List<NotificationConfiguration> notifications,
                               List<CorsRule> corsRules) {

    public BucketDefinition {
        notifications = List.copyOf(notifications);
        corsRules = List.copyOf(corsRules);
    }

    public String arn() {
        return "arn:aws:s3:::" + name;
    }
}
