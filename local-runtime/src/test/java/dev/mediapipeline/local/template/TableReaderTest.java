package dev.mediapipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** DynamoDB tables become the CreateTable requests the local DynamoDB gets. */
class TableReaderTest extends TemplateFixture {

    @Nested
    class CreateTableRequests {

        @Test
        void tablesBecomeCreateTableRequests() {
            StackTemplate t = parse("""
                    Resources:
                      Media:
                        Type: AWS::DynamoDB::Table
                        Properties:
                          TableName: !Sub '${AWS::StackName}-media'
                          BillingMode: PAY_PER_REQUEST
                          PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
                          AttributeDefinitions:
                            - {AttributeName: pk, AttributeType: S}
                            - {AttributeName: createdAt, AttributeType: S}
                            - {AttributeName: kind, AttributeType: S}
                          KeySchema: [{AttributeName: pk, KeyType: HASH}]
                          GlobalSecondaryIndexes:
                            - IndexName: byKind
                              KeySchema: [{AttributeName: kind, KeyType: HASH}, {AttributeName: createdAt, KeyType: RANGE}]
                              Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [status]}
                          TimeToLiveSpecification: {AttributeName: expiresAt, Enabled: true}
                      Simple: {Type: AWS::Serverless::SimpleTable}
                    """);
            TableDefinition media = t.tables().getFirst();
            CreateTableRequest r = media.createTableRequest();
            assertThat(r.tableName()).isEqualTo("media-pipeline-media");
            assertThat(r.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
            assertThat(r.keySchema()).singleElement().satisfies(k -> assertThat(k.keyType()).isEqualTo(KeyType.HASH));
            assertThat(r.globalSecondaryIndexes()).singleElement().satisfies(g -> {
                assertThat(g.indexName()).isEqualTo("byKind");
                assertThat(g.keySchema()).hasSize(2);
                assertThat(g.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
                assertThat(g.projection().nonKeyAttributes()).containsExactly("status");
            });
            assertThat(media.timeToLiveAttribute()).contains("expiresAt");
            assertThat(t.tables().get(1).createTableRequest().keySchema().getFirst().attributeName()).isEqualTo("id");
        }
    }
}
