package dev.mediapipeline.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamoDbActionsTest {

    private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/";

    private static List<String> classify(String operation, String json) throws Exception {
        JsonNode body = new ObjectMapper().readTree(json);
        return DynamoDbActions.classify("DynamoDB_20120810." + operation, body, "aws", "us-east-1", "000000000000")
                .stream().map(c -> c.action() + " " + c.resource()).toList();
    }

    @Test
    void itemOperationsAreOnTheTableAndIndexQueriesOnTheIndex() throws Exception {
        assertThat(classify("GetItem", "{\"TableName\":\"assets\",\"Key\":{}}")).as("GetItem")
                .containsExactly("dynamodb:GetItem " + TABLE + "assets");
        assertThat(classify("Query", "{\"TableName\":\"assets\",\"IndexName\":\"byStatus\"}")).as("GSI query")
                .containsExactly("dynamodb:Query " + TABLE + "assets/index/byStatus");
        assertThat(classify("Scan", "{\"TableName\":\"assets\"}")).as("table scan")
                .containsExactly("dynamodb:Scan " + TABLE + "assets");
        assertThat(classify("ListTables", "{}")).as("ListTables").containsExactly("dynamodb:ListTables *");
    }

    @Test
    void batchesAreTheirOwnActionOnEachTable() throws Exception {
        assertThat(classify("BatchWriteItem", "{\"RequestItems\":{\"a\":[],\"b\":[]}}")).as("BatchWriteItem")
                .containsExactly("dynamodb:BatchWriteItem " + TABLE + "a", "dynamodb:BatchWriteItem " + TABLE + "b");
        assertThat(classify("BatchGetItem", "{\"RequestItems\":{\"a\":{}}}")).as("BatchGetItem")
                .containsExactly("dynamodb:BatchGetItem " + TABLE + "a");
    }

    @Test
    void transactionsNeedEachItemAction() throws Exception {
        assertThat(classify("TransactWriteItems", "{\"TransactItems\":[{\"Put\":{\"TableName\":\"a\"}},"
                + "{\"Update\":{\"TableName\":\"b\"}},{\"ConditionCheck\":{\"TableName\":\"a\"}},"
                + "{\"Delete\":{\"TableName\":\"a\"}}]}")).as("TransactWriteItems").containsExactly(
                "dynamodb:PutItem " + TABLE + "a", "dynamodb:UpdateItem " + TABLE + "b",
                "dynamodb:ConditionCheckItem " + TABLE + "a", "dynamodb:DeleteItem " + TABLE + "a");
        assertThat(classify("TransactGetItems", "{\"TransactItems\":[{\"Get\":{\"TableName\":\"a\"}}]}"))
                .as("TransactGetItems").containsExactly("dynamodb:GetItem " + TABLE + "a");
    }

    @Test
    void partiQlStatementsNameTheirTable() throws Exception {
        assertThat(classify("ExecuteStatement", "{\"Statement\":\"SELECT * FROM \\\"assets\\\".\\\"byStatus\\\" "
                + "WHERE status = ?\"}")).as("select from an index")
                .containsExactly("dynamodb:PartiQLSelect " + TABLE + "assets/index/byStatus");
        assertThat(classify("ExecuteStatement", "{\"Statement\":\"INSERT INTO assets VALUE {'id': 'x'}\"}"))
                .as("insert").containsExactly("dynamodb:PartiQLInsert " + TABLE + "assets");
    }
}
