package dev.mediapipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * Creates DynamoDB tables from their definitions in the project's {@code template.yaml}, so tests run against the
 * table the stack deploys (keys, attribute types, indexes), not a copy that can drift.
 */
public final class TemplateTables {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TemplateTables() {
    }

    /** The project's template.yaml, found by walking up from the working directory (a module directory in Maven). */
    public static Path projectTemplate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    /** The CreateTable request for the {@code AWS::DynamoDB::Table} resource {@code logicalId}, named {@code tableName}. */
    public static CreateTableRequest createTableRequest(Path template, String logicalId, String tableName) {
        JsonNode resource;
        try {
            resource = YAML.readTree(template.toFile()).path("Resources").path(logicalId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
        if (!"AWS::DynamoDB::Table".equals(resource.path("Type").asText())) {
            throw new IllegalArgumentException(logicalId + " is not an AWS::DynamoDB::Table in " + template);
        }
        JsonNode p = resource.path("Properties");
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode a : p.path("AttributeDefinitions")) {
            attributes.add(AttributeDefinition.builder().attributeName(a.path("AttributeName").asText())
                    .attributeType(a.path("AttributeType").asText()).build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (JsonNode gsi : p.path("GlobalSecondaryIndexes")) {
            JsonNode projection = gsi.path("Projection");
            Projection.Builder pb = Projection.builder().projectionType(projection.path("ProjectionType").asText("ALL"));
            if (projection.has("NonKeyAttributes")) {
                List<String> nonKey = new ArrayList<>();
                projection.path("NonKeyAttributes").forEach(n -> nonKey.add(n.asText()));
                pb.nonKeyAttributes(nonKey);
            }
            indexes.add(GlobalSecondaryIndex.builder().indexName(gsi.path("IndexName").asText())
                    .keySchema(keySchema(gsi.path("KeySchema"))).projection(pb.build()).build());
        }
        String billing = p.path("BillingMode").asText("PAY_PER_REQUEST");
        if (!BillingMode.PAY_PER_REQUEST.toString().equals(billing)) {
            throw new IllegalArgumentException(logicalId + ": only PAY_PER_REQUEST tables are supported here, found " + billing);
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(p.path("KeySchema")))
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    /** Creates the table in the given server and enables its TTL attribute if the template declares one. */
    public static void create(EmbeddedDynamoDb server, Path template, String logicalId, String tableName) {
        server.createTable(createTableRequest(template, logicalId, tableName));
        String ttl = ttlAttribute(template, logicalId);
        if (ttl != null) {
            try (DynamoDbClient ddb = server.client()) {
                ddb.updateTimeToLive(b -> b.tableName(tableName).timeToLiveSpecification(t -> t.attributeName(ttl).enabled(true)));
            }
        }
    }

    static String ttlAttribute(Path template, String logicalId) {
        try {
            JsonNode ttl = YAML.readTree(template.toFile()).path("Resources").path(logicalId).path("Properties")
                    .path("TimeToLiveSpecification");
            return ttl.path("Enabled").asBoolean(false) ? ttl.path("AttributeName").asText() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
    }

    private static List<KeySchemaElement> keySchema(JsonNode keys) {
        List<KeySchemaElement> out = new ArrayList<>();
        for (JsonNode k : keys) {
            out.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText()).keyType(k.path("KeyType").asText()).build());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("table definition has no KeySchema");
        }
        return out;
    }
}
