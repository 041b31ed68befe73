package dev.mediapipeline.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads configuration from environment variables, once, at start-up. Every failure names the variable, never its
 * value's neighbours: values are not logged (they may be secrets).
 */
public final class Config {

    private final Map<String, String> env;

    public Config(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    public static Config fromEnvironment() {
        return new Config(System.getenv());
    }

    /** The value, trimmed; throws {@link MissingConfigurationException} naming the variable if absent or blank. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new MissingConfigurationException(name));
    }

    public Optional<String> optional(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    public String optional(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        int value = optional(name).map(v -> parse(name, v, Integer::parseInt, "an integer")).orElse(defaultValue);
        if (value < min || value > max) {
            throw new InvalidConfigurationException(name, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        long value = optional(name).map(v -> parse(name, v, Long::parseLong, "an integer")).orElse(defaultValue);
        if (value < min || value > max) {
            throw new InvalidConfigurationException(name, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public boolean flag(String name, boolean defaultValue) {
        return optional(name).map(v -> switch (v.toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new InvalidConfigurationException(name, "must be true or false");
        }).orElse(defaultValue);
    }

    /** Parses a value with the given parser; a parser's IllegalArgumentException becomes an InvalidConfigurationException naming the variable. */
    public <T> T parsed(String name, String defaultValue, Function<String, T> parser) {
        String raw = optional(name, defaultValue);
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(name, e.getMessage());
        }
    }

    private static <T> T parse(String name, String value, Function<String, T> parser, String what) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(name, "must be " + what);
        }
    }

    /** A required environment variable is absent or blank. */
    public static final class MissingConfigurationException extends RuntimeException {
        private final String variable;

        public MissingConfigurationException(String variable) {
            super("Environment variable " + variable + " is required but not set");
            this.variable = variable;
        }

        public String variable() {
            return variable;
        }
    }

    /** An environment variable is set to a value the function cannot use. */
    public static final class InvalidConfigurationException extends RuntimeException {
        private final String variable;

        public InvalidConfigurationException(String variable, String reason) {
            super("Environment variable " + variable + " is invalid: " + reason);
            this.variable = variable;
        }

        public String variable() {
            return variable;
        }
    }
}
