package dev.mediapipeline.local.lambda;

import dev.mediapipeline.local.template.FunctionDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Every function of the template, each with its own {@link FunctionRuntime} (processes start on demand). */
public final class FunctionRegistry implements AutoCloseable {

    private final Map<String, FunctionRuntime> byName = new LinkedHashMap<>();

    public FunctionRegistry(List<FunctionDefinition> functions, LambdaSettings settings, FunctionLogSink logSink,
                            InvocationListener listener) {
        for (FunctionDefinition f : functions) {
            byName.put(f.name(), new FunctionRuntime(f, settings, logSink, listener));
        }
    }

    /** By function name or logical id. */
    public Optional<FunctionRuntime> find(String nameOrLogicalId) {
        FunctionRuntime runtime = byName.get(nameOrLogicalId);
        if (runtime != null) {
            return Optional.of(runtime);
        }
        return byName.values().stream().filter(r -> r.definition().logicalId().equals(nameOrLogicalId)).findFirst();
    }

    /** By ARN, qualified ({@code :$LATEST}) or not. */
    public Optional<FunctionRuntime> findByArn(String arn) {
        return byName.values().stream()
                .filter(r -> arn.equals(r.definition().arn()) || arn.startsWith(r.definition().arn() + ":"))
                .findFirst();
    }

    public FunctionRuntime get(String nameOrLogicalId) {
        return find(nameOrLogicalId).orElseThrow(() -> new IllegalArgumentException("no function named '"
                + nameOrLogicalId + "' (the template declares " + String.join(", ", byName.keySet()) + ")"));
    }

    public Collection<FunctionRuntime> all() {
        return byName.values();
    }

    /** Stops every function at once, so a shutdown takes as long as the slowest, not the sum. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (FunctionRuntime runtime : byName.values()) {
            stops.add(CompletableFuture.runAsync(runtime::close, r -> Thread.ofPlatform().daemon().start(r)));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    }
}
