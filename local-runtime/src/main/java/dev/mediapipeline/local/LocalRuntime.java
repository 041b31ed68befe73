package dev.mediapipeline.local;

import dev.mediapipeline.local.api.FunctionInvoker;
import dev.mediapipeline.local.api.GatewaySettings;
import dev.mediapipeline.local.api.HttpApiGateway;
import dev.mediapipeline.local.api.HttpApis;
import dev.mediapipeline.local.events.EventJournal;
import dev.mediapipeline.local.lambda.ConsoleLogSink;
import dev.mediapipeline.local.lambda.SandboxMarker;
import dev.mediapipeline.local.template.StackTemplate;
import dev.mediapipeline.local.template.TemplateException;
import dev.mediapipeline.local.template.TemplateLoader;
import dev.mediapipeline.local.web.WebOptions;
import dev.mediapipeline.local.web.WebPortInUseException;
import dev.mediapipeline.local.web.WebServer;
import dev.mediapipeline.local.web.WebServerStartException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-runtime.jar [run|invoke] ...}: runs {@code template.yaml} on this machine without Docker.
 * One AWS endpoint (S3 and DynamoDB) with the template's buckets and tables, S3 notifications to the template's
 * functions, each function in its own JVM behind a Lambda Runtime API. Ctrl-C or SIGTERM stops everything.
 * See {@link CommandLine#USAGE}.
 */
public final class LocalRuntime implements AutoCloseable {

    /** Exit codes. */
    public static final int OK = 0;
    public static final int FUNCTION_ERROR = 1;
    public static final int USAGE = 2;
    public static final int PORT_IN_USE = 3;
    public static final int FAILED = 4;

    private final StackTemplate template;
    private final AwsServices services;
    private final LocalCloud cloud;
    private final Optional<Path> dataDirectory;
    private final Optional<WebServer> web;
    private final List<HttpApiGateway> apis;
    private final String banner;

    private LocalRuntime(StackTemplate template, AwsServices services, LocalCloud cloud, Optional<Path> dataDirectory,
                         Optional<WebServer> web, List<HttpApiGateway> apis, String banner) {
        this.template = template;
        this.services = services;
        this.cloud = cloud;
        this.dataDirectory = dataDirectory;
        this.web = web;
        this.apis = List.copyOf(apis);
        this.banner = banner;
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "local-runtime-log4j2.xml");
        }
        boolean invoke = args.length > 0 && args[0].equals("invoke");
        if (invoke) {
            System.setProperty("mediapipeline.log.target", "SYSTEM_ERR");
        }
        int code = run(Arrays.asList(args), System.out, System.err, Endpoints.factory());
        if (code >= 0) {
            System.exit(code);
        }
        // running: the shutdown hook stops everything on Ctrl-C / SIGTERM, then the JVM exits
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Runs a command. {@code run} returns -1 once started (the runtime keeps going until the JVM is told to stop);
     * other commands return their exit code.
     */
    public static int run(java.util.List<String> args, PrintStream out, PrintStream err, EndpointFactory endpoints) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args, projectRoot());
        } catch (UsageException e) {
            err.println("local-runtime: " + e.getMessage());
            err.println();
            err.print(CommandLine.USAGE);
            return USAGE;
        }
        switch (commandLine.command()) {
            case HELP -> {
                out.print(CommandLine.USAGE);
                return OK;
            }
            case INVOKE -> {
                return InvokeCommand.run(commandLine, out, err, endpoints);
            }
            default -> {
                try {
                    LocalRuntime runtime = start(commandLine, out, endpoints);
                    CountDownLatch stopped = new CountDownLatch(1);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        long begin = System.nanoTime();
                        out.println("local-runtime: stopping (functions, then the endpoint)...");
                        runtime.close();
                        out.println("local-runtime: stopped in " + Duration.ofNanos(System.nanoTime() - begin).toMillis() + " ms");
                        out.flush();
                        stopped.countDown();
                    }, "local-runtime-shutdown"));
                    return -1;
                } catch (Failure f) {
                    err.println("local-runtime: " + f.getMessage());
                    return f.code;
                }
            }
        }
    }

    /** A start-up failure with its exit code and a message for the user. */
    static final class Failure extends RuntimeException {

        private static final long serialVersionUID = 1L;
        final int code;

        Failure(int code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }

    /**
     * Starts the runtime as {@code ./run-local} does (the real AWS endpoint), in this JVM: for tests and embedding.
     * Close it to stop every function process and the endpoint.
     */
    public static LocalRuntime start(CommandLine commandLine, PrintStream out) {
        return start(commandLine, out, Endpoints.factory());
    }

    /** Starts the endpoint and everything the template declares, and prints the banner. */
    public static LocalRuntime start(CommandLine commandLine, PrintStream out, EndpointFactory endpoints) {
        long begin = System.nanoTime();
        int orphans = SandboxMarker.killOrphans();
        if (orphans > 0) {
            out.println("local-runtime: ended " + orphans + " function process(es) left behind by a runtime that was killed");
        }
        StackTemplate template = loadTemplate(commandLine);
        Optional<Path> dataDirectory;
        try {
            dataDirectory = commandLine.inMemory() ? Optional.empty()
                    : Optional.of(DataDirectory.prepare(commandLine.dataDirectory(), commandLine.fresh()));
        } catch (UsageException e) {
            throw new Failure(USAGE, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new Failure(FAILED, e.getMessage(), e);
        }
        ForwardingListener listener = new ForwardingListener();
        AwsServices services = startEndpoint(commandLine, template, dataDirectory, listener, endpoints);
        LocalCloud cloud;
        try {
            cloud = LocalCloud.start(template, services, new LocalCloud.Options(commandLine.concurrency(),
                    commandLine.retryDelay(), new ConsoleLogSink(out),
                    dataDirectory.map(EventJournal::in).orElseGet(EventJournal::none)));
        } catch (RuntimeException e) {
            services.close();
            throw new Failure(FAILED, "cannot create the template's buckets and tables: " + e.getMessage(), e);
        }
        listener.forwardTo(cloud.notifications());
        int replayed = cloud.asyncInvoker().resume();
        if (replayed > 0) {
            out.println("local-runtime: replaying " + replayed + " event(s) accepted before the last stop");
        }
        Optional<WebServer> web = Optional.empty();
        List<HttpApiGateway> apis = List.of();
        if (commandLine.web()) {
            try {
                WebServer server = WebServer.start(new WebOptions(commandLine.host(), commandLine.webPort(),
                        commandLine.siteDirectory(), WebOptions.DEFAULT_API_PATH));
                web = Optional.of(server);
                apis = HttpApis.mount(server, template, FunctionInvoker.of(cloud.functions()),
                        GatewaySettings.defaults(template.accountId()));
            } catch (WebPortInUseException | WebServerStartException e) {
                web.ifPresent(WebServer::close);
                try {
                    cloud.close();
                } finally {
                    services.close();
                }
                String message = e instanceof WebPortInUseException busy
                        ? "port " + busy.port() + " on " + busy.host() + " is already in use (another local runtime or"
                        + " web server?). Stop it, or choose another port for the upload page and the API: ./run-local"
                        + " --web-port " + (busy.port() + 1) + " (or --no-web)"
                        : e.getMessage();
                throw new Failure(e instanceof WebPortInUseException ? PORT_IN_USE : FAILED, message, e);
            }
        }
        String banner = Banner.text(template, services.uri(), dataDirectory, commandLine.concurrency(),
                Duration.ofNanos(System.nanoTime() - begin), web, apis);
        out.print(banner);
        out.flush();
        return new LocalRuntime(template, services, cloud, dataDirectory, web, apis, banner);
    }

    static StackTemplate loadTemplate(CommandLine commandLine) {
        try {
            return TemplateLoader.load(commandLine.template(), commandLine.parameterOverrides());
        } catch (TemplateException e) {
            throw new Failure(USAGE, commandLine.template().getFileName() + ": " + e.getMessage(), e);
        }
    }

    static AwsServices startEndpoint(CommandLine commandLine, StackTemplate template, Optional<Path> dataDirectory,
                                     ForwardingListener listener, EndpointFactory endpoints) {
        try {
            return endpoints.start(commandLine.host(), commandLine.port(), dataDirectory, template.region(), listener);
        } catch (EndpointFactory.PortBusyException e) {
            throw new Failure(PORT_IN_USE, "port " + e.port() + " on " + e.host() + " is already in use (another local"
                    + " runtime, or LocalStack?). Stop it, or choose another port: ./run-local --port "
                    + (e.port() + 1) + " (then use --endpoint-url http://localhost:" + (e.port() + 1) + ")", e);
        }
    }

    public StackTemplate template() {
        return template;
    }

    public AwsServices services() {
        return services;
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public Optional<Path> dataDirectory() {
        return dataDirectory;
    }

    public String banner() {
        return banner;
    }

    /** The web port (upload page and HTTP APIs), unless started with {@code --no-web}. */
    public Optional<WebServer> web() {
        return web;
    }

    /** The template's HTTP APIs as mounted on the web port. */
    public List<HttpApiGateway> apis() {
        return apis;
    }

    /** Closes the web port, stops every function process, then the endpoint (which finishes its writes). */
    @Override
    public void close() {
        try {
            web.ifPresent(WebServer::close);
            cloud.close();
        } finally {
            services.close();
        }
    }

    /**
     * Where defaults are found: {@code MEDIA_PIPELINE_HOME} (set by ./run-local), else the project this jar was
     * built in ({@code <project>/local-runtime/target/local-runtime.jar}), else the working directory.
     */
    static Path projectRoot() {
        String home = System.getenv("MEDIA_PIPELINE_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath();
        }
        try {
            Path code = Path.of(LocalRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = code.getParent();
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                    && target.getParent() != null && target.getParent().getParent() != null
                    && Files.exists(target.getParent().getParent().resolve("template.yaml"))) {
                return target.getParent().getParent();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through
        }
        return Path.of("").toAbsolutePath();
    }
}
