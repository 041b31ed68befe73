package dev.mediapipeline.local.template;

import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * An {@code AWS::DynamoDB::Table} (or {@code AWS::Serverless::SimpleTable}), as the CreateTable call that makes it.
 *
 * @param timeToLiveAttribute the TimeToLiveSpecification's attribute, when enabled
 */
public record TableDefinition(String logicalId, String name, CreateTableRequest createTableRequest,
                              Optional<String> timeToLiveAttribute) {

    public String arn(String region, String accountId) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name;
    }
}
