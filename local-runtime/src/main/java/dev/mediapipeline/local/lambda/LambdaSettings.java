package dev.mediapipeline.local.lambda;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How function processes are run.
 *
 * @param endpoint          the AWS endpoint functions talk to ({@code AWS_ENDPOINT_URL})
 * @param workDirectory     where each process gets its own task and tmp directories (removed when it ends)
 * @param javaHome          the JDK function processes run on
 * @param runtimeClassPath  the runtime interface client and its dependencies
 * @param concurrency       at most this many processes (so invocations in flight) per function
 * @param initTimeout       a process that does not ask for work within this time of starting is killed
 * @param idleTimeout       a warm process unused this long is stopped (Lambda reclaims idle environments too)
 * @param extraJvmOptions   added to every function JVM's command line (after the runtime's own)
 * @param roleCredentials   give each function its role's own credentials (IAM enforced), else the endpoint's
 *                          shared ones ({@value #ACCESS_KEY}/{@value #SECRET_KEY}, full access: {@code --no-iam})
 */
public record LambdaSettings(URI endpoint, String region, String accountId, Path workDirectory, Path javaHome,
                             List<Path> runtimeClassPath, int concurrency, Duration initTimeout, Duration idleTimeout,
                             List<String> extraJvmOptions, boolean roleCredentials) {

    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";

    public LambdaSettings {
        runtimeClassPath = List.copyOf(runtimeClassPath);
        extraJvmOptions = List.copyOf(extraJvmOptions);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
    }

    /** Functions on the JDK running this runtime, with the runtime interface client from its class path. */
    public static LambdaSettings of(URI endpoint, String region, String accountId, Path workDirectory, int concurrency) {
        return new LambdaSettings(endpoint, region, accountId, workDirectory, Path.of(System.getProperty("java.home")),
                RuntimeClassPath.locate(), concurrency, Duration.ofSeconds(30), Duration.ofMinutes(10), List.of(), true);
    }

    public static LambdaSettings of(URI endpoint, Path workDirectory, int concurrency) {
        return of(endpoint, "us-east-1", "000000000000", workDirectory, concurrency);
    }

    public LambdaSettings withIdleTimeout(Duration value) {
        return new LambdaSettings(endpoint, region, accountId, workDirectory, javaHome, runtimeClassPath, concurrency,
                initTimeout, value, extraJvmOptions, roleCredentials);
    }

    public LambdaSettings withRoleCredentials(boolean value) {
        return new LambdaSettings(endpoint, region, accountId, workDirectory, javaHome, runtimeClassPath, concurrency,
                initTimeout, idleTimeout, extraJvmOptions, value);
    }
}
