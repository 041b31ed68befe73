package dev.mediapipeline.local.template;

import static dev.mediapipeline.local.template.Values.integer;
import static dev.mediapipeline.local.template.Values.list;
import static dev.mediapipeline.local.template.Values.map;
import static dev.mediapipeline.local.template.Values.requiredString;
import static dev.mediapipeline.local.template.Values.string;
import static dev.mediapipeline.local.template.Values.strings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** DynamoDB tables ({@code AWS::DynamoDB::Table}, {@code AWS::Serverless::SimpleTable}) as CreateTable requests. */
final class TableReader {

    private final TemplateContext context;

    TableReader(TemplateContext context) {
        this.context = context;
    }

    List<TableDefinition> tables() {
        List<TableDefinition> tables = new ArrayList<>();
        for (TemplateResource r : context.resources.values()) {
            switch (r.type()) {
                case "AWS::DynamoDB::Table" -> tables.add(table(r));
                case "AWS::Serverless::SimpleTable" -> tables.add(simpleTable(r));
                default -> {
                }
            }
        }
        return tables;
    }

    private TableDefinition table(TemplateResource r) {
        String name = context.names.physicalId(r);
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name);
        List<?> attributes = list(context.property(r, "AttributeDefinitions"), r.propertyPath("AttributeDefinitions"));
        List<AttributeDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            String at = r.propertyPath("AttributeDefinitions[" + i + "]");
            Map<?, ?> a = map(attributes.get(i), at);
            String type = requiredString(a, "AttributeType", at);
            if (!Set.of("S", "N", "B").contains(type)) {
                throw new TemplateException(at + ".AttributeType", "is S, N or B, not '" + type + "'");
            }
            definitions.add(AttributeDefinition.builder().attributeName(requiredString(a, "AttributeName", at))
                    .attributeType(ScalarAttributeType.fromValue(type)).build());
        }
        if (definitions.isEmpty()) {
            throw new TemplateException(r.propertyPath("AttributeDefinitions"), "missing");
        }
        request.attributeDefinitions(definitions);
        request.keySchema(keySchema(context.property(r, "KeySchema"), r.propertyPath("KeySchema"), definitions));
        String billing = context.optionalString(r, "BillingMode").orElse("PROVISIONED");
        boolean onDemand = billing.equals("PAY_PER_REQUEST");
        if (!onDemand && !billing.equals("PROVISIONED")) {
            throw new TemplateException(r.propertyPath("BillingMode"), "is PAY_PER_REQUEST or PROVISIONED");
        }
        request.billingMode(onDemand ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED);
        if (!onDemand) {
            request.provisionedThroughput(throughput(context.property(r, "ProvisionedThroughput"), r.propertyPath("ProvisionedThroughput")));
        }
        List<?> gsis = list(context.property(r, "GlobalSecondaryIndexes"), r.propertyPath("GlobalSecondaryIndexes"));
        List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
        for (int i = 0; i < gsis.size(); i++) {
            String at = r.propertyPath("GlobalSecondaryIndexes[" + i + "]");
            Map<?, ?> g = map(gsis.get(i), at);
            GlobalSecondaryIndex.Builder index = GlobalSecondaryIndex.builder()
                    .indexName(requiredString(g, "IndexName", at))
                    .keySchema(keySchema(g.get("KeySchema"), at + ".KeySchema", definitions))
                    .projection(projection(g.get("Projection"), at + ".Projection"));
            if (!onDemand) {
                index.provisionedThroughput(throughput(g.get("ProvisionedThroughput"), at + ".ProvisionedThroughput"));
            }
            globalIndexes.add(index.build());
        }
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        List<?> lsis = list(context.property(r, "LocalSecondaryIndexes"), r.propertyPath("LocalSecondaryIndexes"));
        List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
        for (int i = 0; i < lsis.size(); i++) {
            String at = r.propertyPath("LocalSecondaryIndexes[" + i + "]");
            Map<?, ?> l = map(lsis.get(i), at);
            localIndexes.add(LocalSecondaryIndex.builder()
                    .indexName(requiredString(l, "IndexName", at))
                    .keySchema(keySchema(l.get("KeySchema"), at + ".KeySchema", definitions))
                    .projection(projection(l.get("Projection"), at + ".Projection"))
                    .build());
        }
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        Map<?, ?> stream = map(context.property(r, "StreamSpecification"), r.propertyPath("StreamSpecification"));
        if (!stream.isEmpty()) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(StreamViewType.fromValue(requiredString(stream, "StreamViewType",
                            r.propertyPath("StreamSpecification")))).build());
        }
        Map<?, ?> ttl = map(context.property(r, "TimeToLiveSpecification"), r.propertyPath("TimeToLiveSpecification"));
        Optional<String> ttlAttribute = Optional.empty();
        if (!ttl.isEmpty() && "true".equals(string(ttl, "Enabled", r.propertyPath("TimeToLiveSpecification")).orElse("false"))) {
            ttlAttribute = Optional.of(requiredString(ttl, "AttributeName", r.propertyPath("TimeToLiveSpecification")));
        }
        return new TableDefinition(r.logicalId(), name, request.build(), ttlAttribute);
    }

    private TableDefinition simpleTable(TemplateResource r) {
        String name = context.names.physicalId(r);
        Map<?, ?> key = map(context.property(r, "PrimaryKey"), r.propertyPath("PrimaryKey"));
        String keyName = string(key, "Name", r.propertyPath("PrimaryKey")).orElse("id");
        String keyType = string(key, "Type", r.propertyPath("PrimaryKey")).orElse("String");
        String type = switch (keyType) {
            case "String" -> "S";
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> throw new TemplateException(r.propertyPath("PrimaryKey.Type"), "is String, Number or Binary");
        };
        Object throughput = context.property(r, "ProvisionedThroughput");
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(keyName)
                        .attributeType(ScalarAttributeType.fromValue(type)).build())
                .keySchema(KeySchemaElement.builder().attributeName(keyName).keyType(KeyType.HASH).build());
        if (throughput == null) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(throughput(throughput, r.propertyPath("ProvisionedThroughput")));
        }
        return new TableDefinition(r.logicalId(), name, request.build(), Optional.empty());
    }

    private static List<KeySchemaElement> keySchema(Object value, String at, List<AttributeDefinition> definitions) {
        List<?> elements = list(value, at);
        if (elements.isEmpty() || elements.size() > 2) {
            throw new TemplateException(at, "needs a HASH key and at most one RANGE key");
        }
        List<KeySchemaElement> out = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            String eat = at + "[" + i + "]";
            Map<?, ?> e = map(elements.get(i), eat);
            String attribute = requiredString(e, "AttributeName", eat);
            String keyType = requiredString(e, "KeyType", eat);
            if (!keyType.equals("HASH") && !keyType.equals("RANGE")) {
                throw new TemplateException(eat + ".KeyType", "is HASH or RANGE, not '" + keyType + "'");
            }
            if (definitions.stream().noneMatch(d -> d.attributeName().equals(attribute))) {
                throw new TemplateException(eat + ".AttributeName", "'" + attribute + "' is not in AttributeDefinitions");
            }
            out.add(KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.fromValue(keyType)).build());
        }
        return out;
    }

    private static Projection projection(Object value, String at) {
        Map<?, ?> p = map(value, at);
        String type = string(p, "ProjectionType", at).orElse("KEYS_ONLY");
        Projection.Builder projection = Projection.builder();
        try {
            projection.projectionType(ProjectionType.valueOf(type));
        } catch (IllegalArgumentException e) {
            throw new TemplateException(at + ".ProjectionType", "is ALL, KEYS_ONLY or INCLUDE, not '" + type + "'");
        }
        if (p.get("NonKeyAttributes") != null) {
            projection.nonKeyAttributes(strings(p.get("NonKeyAttributes"), at + ".NonKeyAttributes"));
        }
        return projection.build();
    }

    private static ProvisionedThroughput throughput(Object value, String at) {
        Map<?, ?> t = map(value, at);
        if (t.isEmpty()) {
            throw new TemplateException(at, "missing: a PROVISIONED table needs ReadCapacityUnits and WriteCapacityUnits");
        }
        return ProvisionedThroughput.builder()
                .readCapacityUnits((long) integer(t.get("ReadCapacityUnits"), at + ".ReadCapacityUnits", 1, Integer.MAX_VALUE))
                .writeCapacityUnits((long) integer(t.get("WriteCapacityUnits"), at + ".WriteCapacityUnits", 1, Integer.MAX_VALUE))
                .build();
    }
}
