package dev.mediapipeline.local.iam;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A statement's {@code Condition} block evaluated against a request's condition keys, as IAM does: every operator
 * and every key under it must hold (AND); the values listed for one key are alternatives (OR); a negated operator
 * holds when the request's value matches none of them. {@code ...IfExists} operators hold when the key is absent,
 * {@code ForAllValues:} holds for an absent key, {@code ForAnyValue:} does not.
 *
 * <p>Supported: the String, Arn, Numeric and Bool operators (with their Not and IfExists forms) and {@code Null}.
 * Any other operator (Date, IpAddress, Binary...) is reported as {@link Result#UNSUPPORTED}: the evaluator then
 * fails closed (the statement allows nothing and a Deny statement denies), and it is logged once.
 */
final class Conditions {

    enum Result { MATCH, NO_MATCH, UNSUPPORTED }

    private static final Logger LOG = LoggerFactory.getLogger(Conditions.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Conditions() {
    }

    static Result evaluate(Map<String, Map<String, List<String>>> conditions, AccessRequest request) {
        boolean unsupported = false;
        for (Map.Entry<String, Map<String, List<String>>> operator : conditions.entrySet()) {
            for (Map.Entry<String, List<String>> key : operator.getValue().entrySet()) {
                Result result = holds(operator.getKey(), key.getKey(), key.getValue(), request.values(key.getKey()));
                if (result == Result.NO_MATCH) {
                    return Result.NO_MATCH;
                }
                unsupported |= result == Result.UNSUPPORTED;
            }
        }
        return unsupported ? Result.UNSUPPORTED : Result.MATCH;
    }

    static Result holds(String operatorName, String key, List<String> expected, List<String> actual) {
        String operator = operatorName;
        Qualifier qualifier = Qualifier.NONE;
        if (operator.regionMatches(true, 0, "ForAllValues:", 0, 13)) {
            qualifier = Qualifier.ALL;
            operator = operator.substring(13);
        } else if (operator.regionMatches(true, 0, "ForAnyValue:", 0, 12)) {
            qualifier = Qualifier.ANY;
            operator = operator.substring(12);
        }
        boolean ifExists = operator.endsWith("IfExists");
        if (ifExists) {
            operator = operator.substring(0, operator.length() - "IfExists".length());
        }
        if (operator.equals("Null")) {
            boolean mustBeAbsent = expected.stream().anyMatch("true"::equalsIgnoreCase);
            return result((actual == null) == mustBeAbsent);
        }
        Comparison comparison = Comparison.of(operator);
        if (comparison == null) {
            if (WARNED.add(operatorName)) {
                LOG.warn("IAM condition operator {} (on {}) is not supported locally: statements using it fail "
                        + "closed (allow nothing, and a Deny denies)", operatorName, key);
            }
            return Result.UNSUPPORTED;
        }
        if (actual == null || actual.isEmpty()) {
            return result(ifExists || qualifier == Qualifier.ALL || comparison.negated);
        }
        if (qualifier == Qualifier.ALL) {
            return result(actual.stream().allMatch(value -> comparison.holds(expected, value)));
        }
        if (comparison.negated && qualifier == Qualifier.NONE) {
            return result(actual.stream().allMatch(value -> comparison.holds(expected, value)));
        }
        return result(actual.stream().anyMatch(value -> comparison.holds(expected, value)));
    }

    private static Result result(boolean holds) {
        return holds ? Result.MATCH : Result.NO_MATCH;
    }

    private enum Qualifier { NONE, ANY, ALL }

    /** One comparison operator: does one request value satisfy it against the statement's values? */
    private record Comparison(Matcher matcher, boolean negated) {

        interface Matcher {
            boolean matches(String expected, String actual);
        }

        static Comparison of(String operator) {
            return switch (operator) {
                case "StringEquals" -> new Comparison(String::equals, false);
                case "StringNotEquals" -> new Comparison(String::equals, true);
                case "StringEqualsIgnoreCase" -> new Comparison(String::equalsIgnoreCase, false);
                case "StringNotEqualsIgnoreCase" -> new Comparison(String::equalsIgnoreCase, true);
                case "StringLike" -> new Comparison((e, a) -> Wildcard.matches(e, a, false), false);
                case "StringNotLike" -> new Comparison((e, a) -> Wildcard.matches(e, a, false), true);
                // ArnEquals and ArnLike are the same operator in IAM: both take wildcards
                case "ArnEquals", "ArnLike" -> new Comparison((e, a) -> Wildcard.matches(e, a, false), false);
                case "ArnNotEquals", "ArnNotLike" -> new Comparison((e, a) -> Wildcard.matches(e, a, false), true);
                case "Bool" -> new Comparison(String::equalsIgnoreCase, false);
                case "NumericEquals" -> numeric(c -> c == 0, false);
                case "NumericNotEquals" -> numeric(c -> c == 0, true);
                case "NumericLessThan" -> numeric(c -> c < 0, false);
                case "NumericLessThanEquals" -> numeric(c -> c <= 0, false);
                case "NumericGreaterThan" -> numeric(c -> c > 0, false);
                case "NumericGreaterThanEquals" -> numeric(c -> c >= 0, false);
                default -> null;
            };
        }

        /** {@code test} gets the sign of actual compared with expected. */
        private static Comparison numeric(java.util.function.IntPredicate test, boolean negated) {
            return new Comparison((expected, actual) -> {
                try {
                    return test.test(Double.compare(Double.parseDouble(actual.strip()),
                            Double.parseDouble(expected.strip())));
                } catch (NumberFormatException e) {
                    return false;
                }
            }, negated);
        }

        /** Whether one request value satisfies the operator against the statement's alternatives. */
        boolean holds(List<String> expected, String actual) {
            boolean any = expected.stream().anyMatch(e -> matcher.matches(e, actual));
            return negated != any;
        }
    }
}
