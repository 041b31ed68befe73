package dev.mediapipeline.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a DynamoDB request ({@code X-Amz-Target: DynamoDB_20120810.<Operation>} and its JSON body) to what AWS
 * authorises it against: {@code dynamodb:<Operation>} on {@code arn:aws:dynamodb:<region>:<account>:table/T}, on
 * {@code table/T/index/I} for a Query or Scan with an IndexName; BatchGetItem and BatchWriteItem are themselves
 * the action, on each table they name; TransactGetItems and TransactWriteItems need the item action of each entry
 * (GetItem, PutItem, UpdateItem, DeleteItem, ConditionCheckItem) on its table, with
 * {@code dynamodb:EnclosingOperation}; ListTables and the account-level operations are on {@code *}.
 */
public final class DynamoDbActions {

    private static final Set<String> ACCOUNT_LEVEL = Set.of("ListTables", "DescribeLimits", "DescribeEndpoints",
            "ListBackups", "ListGlobalTables", "ListExports", "ListImports", "ListContributorInsights",
            "DescribeReservedCapacity", "DescribeReservedCapacityOfferings");
    private static final Map<String, String> TRANSACT_ITEM_ACTIONS = Map.of("Get", "GetItem", "Put", "PutItem",
            "Update", "UpdateItem", "Delete", "DeleteItem", "ConditionCheck", "ConditionCheckItem");
    private static final Pattern PARTIQL_TABLE = Pattern.compile(
            "^\\s*(SELECT\\b.*?\\bFROM|INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|EXISTS\\s*\\(\\s*SELECT\\b.*?\\bFROM)\\s+\"?([A-Za-z0-9_.-]+)\"?"
                    + "(?:\\.\"?([A-Za-z0-9_.-]+)\"?)?", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private DynamoDbActions() {
    }

    /**
     * @param target the X-Amz-Target header ({@code DynamoDB_20120810.Query}, or DynamoDBStreams_...)
     * @param body   the JSON request (an object)
     */
    public static List<AccessRequest> classify(String target, JsonNode body, String partition, String region,
                                               String account) {
        String operation = target.substring(target.indexOf('.') + 1);
        String tablePrefix = "arn:" + partition + ":dynamodb:" + region + ":" + account + ":table/";
        String action = "dynamodb:" + operation;
        if (ACCOUNT_LEVEL.contains(operation)) {
            return List.of(new AccessRequest(action, "*"));
        }
        switch (operation) {
            case "BatchGetItem", "BatchWriteItem" -> {
                List<AccessRequest> checks = new ArrayList<>();
                body.path("RequestItems").fieldNames().forEachRemaining(table ->
                        checks.add(new AccessRequest(action, tablePrefix + table)));
                return checks;
            }
            case "TransactWriteItems", "TransactGetItems" -> {
                Map<String, List<String>> enclosing = Map.of("dynamodb:EnclosingOperation", List.of(operation));
                Set<AccessRequest> checks = new LinkedHashSet<>();
                for (JsonNode item : body.path("TransactItems")) {
                    item.fieldNames().forEachRemaining(kind -> {
                        String itemAction = TRANSACT_ITEM_ACTIONS.get(kind);
                        String table = item.path(kind).path("TableName").asText("");
                        if (itemAction != null && !table.isEmpty()) {
                            checks.add(new AccessRequest("dynamodb:" + itemAction, tablePrefix + table, enclosing));
                        }
                    });
                }
                return List.copyOf(checks);
            }
            case "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction" -> {
                return partiQl(body, tablePrefix);
            }
            default -> {
                // streams name their stream's ARN; table and backup operations name the table or its ARN
                String streamArn = body.path("StreamArn").asText("");
                if (!streamArn.isEmpty()) {
                    return List.of(new AccessRequest(action, streamArn));
                }
                String resourceArn = body.path("ResourceArn").asText(body.path("BackupArn").asText(""));
                if (!resourceArn.isEmpty()) {
                    return List.of(new AccessRequest(action, resourceArn));
                }
                String table = body.path("TableName").asText("");
                if (table.startsWith("arn:")) {
                    table = table.substring(table.indexOf(":table/") + ":table/".length());
                }
                if (table.isEmpty()) {
                    return List.of(new AccessRequest(action, "*"));
                }
                String index = body.path("IndexName").asText("");
                String resource = tablePrefix + table + (index.isEmpty() || !operation.matches("Query|Scan")
                        ? "" : "/index/" + index);
                return List.of(new AccessRequest(action, resource, conditionKeys(body)));
            }
        }
    }

    /** The dynamodb: condition keys a request carries in its body. */
    private static Map<String, List<String>> conditionKeys(JsonNode body) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String field : List.of("Select", "ReturnValues", "ReturnConsumedCapacity")) {
            String value = body.path(field).asText("");
            if (!value.isEmpty()) {
                keys.put("dynamodb:" + field, List.of(value));
            }
        }
        return keys;
    }

    /** PartiQL: {@code dynamodb:PartiQL<Verb>} on the table (or index) each statement names. */
    private static List<AccessRequest> partiQl(JsonNode body, String tablePrefix) {
        List<String> statements = new ArrayList<>();
        if (body.has("Statement")) {
            statements.add(body.path("Statement").asText(""));
        }
        for (JsonNode entry : body.path("Statements")) {
            statements.add(entry.path("Statement").asText(""));
        }
        for (JsonNode entry : body.path("TransactStatements")) {
            statements.add(entry.path("Statement").asText(""));
        }
        Set<AccessRequest> checks = new LinkedHashSet<>();
        for (String statement : statements) {
            String verb = statement.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            String action = switch (verb) {
                case "INSERT" -> "dynamodb:PartiQLInsert";
                case "UPDATE" -> "dynamodb:PartiQLUpdate";
                case "DELETE" -> "dynamodb:PartiQLDelete";
                default -> "dynamodb:PartiQLSelect";
            };
            Matcher matcher = PARTIQL_TABLE.matcher(statement);
            String resource = matcher.find() ? tablePrefix + matcher.group(2)
                    + (matcher.group(3) == null ? "" : "/index/" + matcher.group(3)) : "*";
            checks.add(new AccessRequest(action, resource));
        }
        return List.copyOf(checks);
    }
}
