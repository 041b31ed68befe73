package dev.mediapipeline.local;

import dev.mediapipeline.local.template.ParameterOverrides;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local runtime's command line.
 *
 * <pre>
 * run (default)  [--port 4566] [--host 127.0.0.1] [--data-dir DIR | --in-memory] [--fresh] [--template FILE]
 *                [--parameter-overrides K=V ...] [--concurrency 2] [--retry-delay 1s] [--web-port 8080 | --no-web]
 *                [--no-iam]
 * invoke FUNCTION [-e|--event FILE|-] [--endpoint-url URL] [--port 4566] [--data-dir DIR] [--template FILE]
 *                [--parameter-overrides K=V ...] [--no-iam]
 * </pre>
 */
public record CommandLine(Command command, String function, Optional<String> event, String host, int port,
                          Path dataDirectory, boolean inMemory, boolean fresh, Path template,
                          Map<String, String> parameterOverrides, int concurrency, Duration retryDelay,
                          Optional<URI> endpointUrl, int webPort, boolean web, Path siteDirectory, boolean iam) {

    public enum Command { RUN, INVOKE, HELP }

    public static final String USAGE = """
            Usage: ./run-local [options]                       run template.yaml locally, no Docker
                   ./run-local invoke FUNCTION [-e EVENT.json]  run one function once, like sam local invoke

            Options:
              --port N                   AWS endpoint port (default 4566, LocalStack's; 0 picks a free one)
              --web-port N               the upload page and the template's HTTP APIs (the media API at /api)
                                         (default 8080; 0 picks a free one)
              --no-web                   no web port: only the AWS endpoint and the functions
              --site-dir DIR             the static site served there (default website/public in the project)
              --host ADDRESS             address to listen on (default 127.0.0.1)
              --data-dir DIR             where buckets and tables are kept (default .local-data/ in the project)
              --in-memory                keep nothing: buckets and tables vanish when the runtime stops
              --fresh                    wipe the data directory first
              --template FILE            the SAM template (default template.yaml in the project)
              --parameter-overrides K=V  template parameters, as for sam deploy (several: K=V K2=V2)
              --concurrency N            function processes per function (default 2)
              --retry-delay DURATION     wait before retrying a failed asynchronous event (default 1s, then 2s;
                                         Lambda waits about a minute)
              --no-iam                   do not enforce IAM: functions get the shared test/test credentials instead
                                         of their role's, and may call anything (enforced by default, as on AWS)
            invoke options:
              -e, --event FILE           the event (a file of events/, or - for stdin; default {})
              --endpoint-url URL         the AWS endpoint the function talks to (default: the local runtime on
                                         --port if one runs, else one started for this invocation on --data-dir)
            """;

    public static CommandLine parse(List<String> args, Path projectRoot) {
        Command command = Command.RUN;
        String function = null;
        Optional<String> event = Optional.empty();
        String host = "127.0.0.1";
        int port = 4566;
        Path dataDir = projectRoot.resolve(".local-data");
        boolean inMemory = false;
        boolean fresh = false;
        Path template = projectRoot.resolve("template.yaml");
        List<String> overrides = new ArrayList<>();
        int concurrency = 2;
        Duration retryDelay = Duration.ofSeconds(1);
        Optional<URI> endpointUrl = Optional.empty();
        int webPort = 8080;
        boolean web = true;
        boolean iam = true;
        Path siteDirectory = projectRoot.resolve("website/public");

        int i = 0;
        if (!args.isEmpty() && args.getFirst().equals("invoke")) {
            command = Command.INVOKE;
            i = 1;
        } else if (!args.isEmpty() && args.getFirst().equals("run")) {
            i = 1;
        }
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg;
            String inline = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                option = arg.substring(0, arg.indexOf('='));
                inline = arg.substring(arg.indexOf('=') + 1);
            }
            switch (option) {
                case "-h", "--help" -> command = Command.HELP;
                case "--port" -> port = integer(option, inline != null ? inline : value(args, ++i, option), 0, 65535);
                case "--host" -> host = inline != null ? inline : value(args, ++i, option);
                case "--data-dir" -> dataDir = Path.of(inline != null ? inline : value(args, ++i, option)).toAbsolutePath();
                case "--in-memory" -> inMemory = true;
                case "--web-port" -> webPort = integer(option, inline != null ? inline : value(args, ++i, option), 0, 65535);
                case "--no-web" -> web = false;
                case "--no-iam" -> iam = false;
                case "--site-dir" -> siteDirectory = Path.of(inline != null ? inline : value(args, ++i, option)).toAbsolutePath();
                case "--fresh" -> fresh = true;
                case "--template", "-t" -> template = Path.of(inline != null ? inline : value(args, ++i, option)).toAbsolutePath();
                case "--parameter-overrides" -> {
                    if (inline != null) {
                        overrides.add(inline);
                    }
                    while (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                        overrides.add(args.get(++i));
                    }
                    if (overrides.isEmpty()) {
                        throw new UsageException("--parameter-overrides needs Key=Value pairs");
                    }
                }
                case "--concurrency" -> concurrency = integer(option, inline != null ? inline : value(args, ++i, option), 1, 64);
                case "--retry-delay" -> retryDelay = duration(inline != null ? inline : value(args, ++i, option));
                case "-e", "--event" -> event = Optional.of(inline != null ? inline : value(args, ++i, option));
                case "--endpoint-url" -> {
                    String url = inline != null ? inline : value(args, ++i, option);
                    try {
                        URI uri = URI.create(url);
                        if (uri.getScheme() == null || uri.getHost() == null) {
                            throw new IllegalArgumentException("no scheme or host");
                        }
                        endpointUrl = Optional.of(uri);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--endpoint-url: '" + url + "' is not a URL like http://localhost:4566");
                    }
                }
                default -> {
                    if (command == Command.INVOKE && function == null && !arg.startsWith("-")) {
                        function = arg;
                    } else {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                }
            }
        }
        if (command == Command.INVOKE && function == null) {
            throw new UsageException("invoke needs the function's name (its logical id in the template)");
        }
        if (command == Command.RUN && (event.isPresent() || endpointUrl.isPresent())) {
            throw new UsageException("--event and --endpoint-url are options of invoke");
        }
        if (command == Command.RUN && web && webPort != 0 && webPort == port) {
            throw new UsageException("--web-port and --port must differ (the web port serves the page and the API,"
                    + " --port the AWS endpoint); both are " + port);
        }
        if (inMemory && fresh) {
            throw new UsageException("--fresh wipes the data directory; --in-memory has none");
        }
        Map<String, String> parameters;
        try {
            parameters = ParameterOverrides.parse(overrides);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new CommandLine(command, function, event, host, port, dataDir, inMemory, fresh, template, parameters,
                concurrency, retryDelay, endpointUrl, webPort, web, siteDirectory, iam);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || (args.get(index).startsWith("--") && !args.get(index).equals("-"))) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int integer(String option, String text, int min, int max) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < min || n > max) {
                throw new UsageException(option + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, got '" + text + "'");
        }
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
            }
            if (t.startsWith("pt")) {
                return Duration.parse(t);
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new UsageException("--retry-delay: '" + text + "' is not a duration like 500ms, 1s or 2m");
        }
    }
}
