package dev.mediapipeline.local.template;

import static dev.mediapipeline.local.template.Values.integer;
import static dev.mediapipeline.local.template.Values.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code AWS::Serverless::Function}s (Globals already merged): code, handler, runtime, memory, timeout, environment,
 * architecture, layers, their events, async-invoke configuration and execution role.
 */
final class FunctionReader {

    private static final Set<String> RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    private static final Pattern HANDLER = Pattern.compile(
            "[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(::[\\p{L}_$][\\p{L}\\p{N}_$]*)?");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
    private static final Pattern LAYER_ARN = Pattern.compile("arn:aws:lambda:[a-z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:\\d+");

    private final TemplateContext context;
    private final EventSourceReader events;
    private final InvokeConfigReader invokeConfigs;
    private final RoleReader roles;

    FunctionReader(TemplateContext context, EventSourceReader events) {
        this.context = context;
        this.events = events;
        this.invokeConfigs = new InvokeConfigReader(context);
        this.roles = new RoleReader(context);
    }

    List<FunctionDefinition> functions() {
        invokeConfigs.readResources();
        List<FunctionDefinition> functions = new ArrayList<>();
        for (TemplateResource r : context.resources.values()) {
            if (r.is("AWS::Serverless::Function")) {
                functions.add(function(r));
            } else if (r.is("AWS::Lambda::Function")) {
                throw new TemplateException(r.path() + ".Type", "AWS::Lambda::Function cannot run locally: declare it"
                        + " as AWS::Serverless::Function with CodeUri pointing at the built jar");
            }
        }
        return functions;
    }

    private FunctionDefinition function(TemplateResource r) {
        String name = context.names.physicalId(r);
        if (!name.matches("[a-zA-Z0-9-_]{1,64}")) {
            throw new TemplateException(r.propertyPath("FunctionName"), "'" + name + "' is not a valid function name");
        }
        if ("Image".equals(context.property(r, "PackageType"))) {
            throw new TemplateException(r.propertyPath("PackageType"), "container image functions need Docker;"
                    + " the local runtime runs Zip functions (CodeUri + Handler)");
        }
        if (r.properties().containsKey("InlineCode")) {
            throw new TemplateException(r.propertyPath("InlineCode"), "inline code cannot run in a Java runtime");
        }
        Path code = code(r);
        String handler = context.optionalString(r, "Handler").orElseThrow(
                () -> new TemplateException(r.propertyPath("Handler"), "missing: name the handler, Class::method"));
        if (!HANDLER.matcher(handler).matches()) {
            throw new TemplateException(r.propertyPath("Handler"), "'" + handler + "' is not a Java handler"
                    + " (package.Class or package.Class::method)");
        }
        String runtime = context.optionalString(r, "Runtime").orElseThrow(
                () -> new TemplateException(r.propertyPath("Runtime"), "missing (java21)"));
        if (!runtime.startsWith("java")) {
            throw new TemplateException(r.propertyPath("Runtime"), runtime + " is not a Java runtime; the local"
                    + " runtime runs java8.al2 to java25 functions");
        }
        int memory = context.property(r, "MemorySize") == null ? 128
                : integer(context.property(r, "MemorySize"), r.propertyPath("MemorySize"), 128, 10_240);
        int timeout = context.property(r, "Timeout") == null ? 3
                : integer(context.property(r, "Timeout"), r.propertyPath("Timeout"), 1, 900);
        if (context.property(r, "DeadLetterQueue") != null) {
            context.warn(r.propertyPath("DeadLetterQueue") + ": dead-letter queues are not emulated; failed events"
                    + " go to the EventInvokeConfig OnFailure destination, if any, else are logged");
        }
        InvokeConfigReader.Read invokeConfig = invokeConfigs.read(r);
        List<HttpRoute> routes = events.read(r, name);
        FunctionRole role = roles.read(r, invokeConfig.destinationPolicies());
        return new FunctionDefinition(r.logicalId(), name, context.names.functionArn(name), handler, code, runtime,
                memory, timeout, environment(r), invokeConfig.config(), routes, architecture(r), layers(r), role);
    }

    private Path code(TemplateResource r) {
        Object codeUri = context.property(r, "CodeUri");
        if (codeUri == null) {
            throw new TemplateException(r.propertyPath("CodeUri"), "missing: point it at the function's jar");
        }
        if (!(codeUri instanceof String codePath)) {
            throw new TemplateException(r.propertyPath("CodeUri"), "an S3 location cannot run locally; point CodeUri"
                    + " at the built jar (relative to the template)");
        }
        Path code = context.file.getParent().resolve(codePath).normalize();
        if (!Files.exists(code)) {
            throw new TemplateException(r.propertyPath("CodeUri"), codePath + " does not exist (" + code
                    + "); build it first (./mvnw -DskipTests package, or ./run-local, which builds what is missing)");
        }
        return code;
    }

    private Map<String, String> environment(TemplateResource r) {
        Map<String, String> environment = new LinkedHashMap<>();
        Map<?, ?> env = map(context.property(r, "Environment"), r.propertyPath("Environment"));
        Map<?, ?> variables = map(env.get("Variables"), r.propertyPath("Environment.Variables"));
        for (Map.Entry<?, ?> v : variables.entrySet()) {
            String key = String.valueOf(v.getKey());
            String at = r.propertyPath("Environment.Variables." + key);
            if (!VARIABLE_NAME.matcher(key).matches()) {
                throw new TemplateException(at, "is not a valid variable name");
            }
            if (RESERVED_VARIABLES.contains(key)) {
                throw new TemplateException(at, "is reserved by Lambda and cannot be set");
            }
            environment.put(key, Intrinsics.scalar(v.getValue(), at));
        }
        return environment;
    }

    /** Architectures (Globals' list and the function's add up, as SAM merges lists): exactly one of two. */
    private String architecture(TemplateResource r) {
        String at = r.propertyPath("Architectures");
        List<String> architectures = Values.optionalStrings(context.property(r, "Architectures"), at);
        if (architectures.isEmpty()) {
            return "x86_64";
        }
        if (architectures.size() > 1) {
            throw new TemplateException(at, architectures + ": Lambda takes exactly one architecture (with Globals,"
                    + " SAM adds the function's list to the global one)");
        }
        String architecture = architectures.getFirst();
        if (!architecture.equals("x86_64") && !architecture.equals("arm64")) {
            throw new TemplateException(at + "[0]", "is x86_64 or arm64, not '" + architecture + "'");
        }
        return architecture;
    }

    /** The layers' version ARNs, a layer of this template as its Ref resolves (version 1 locally). */
    private List<String> layers(TemplateResource r) {
        String at = r.propertyPath("Layers");
        List<String> layers = Values.optionalStrings(context.property(r, "Layers"), at);
        if (layers.size() > 5) {
            throw new TemplateException(at, "Lambda takes at most 5 layers, not " + layers.size());
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!LAYER_ARN.matcher(layers.get(i)).matches()) {
                throw new TemplateException(at + "[" + i + "]", "'" + layers.get(i) + "' is not a layer version ARN"
                        + " (arn:aws:lambda:<region>:<account>:layer:<name>:<version>; or !Ref a LayerVersion)");
            }
        }
        return layers;
    }
}
