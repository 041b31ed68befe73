package dev.mediapipeline.local;

import dev.mediapipeline.local.api.HttpApiGateway;
import dev.mediapipeline.local.template.BucketDefinition;
import dev.mediapipeline.local.template.FunctionDefinition;
import dev.mediapipeline.local.template.NotificationConfiguration;
import dev.mediapipeline.local.template.StackTemplate;
import dev.mediapipeline.local.template.Subscription;
import dev.mediapipeline.local.template.TableDefinition;
import dev.mediapipeline.local.template.TopicDefinition;
import dev.mediapipeline.local.web.WebServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the runtime prints once it is ready: where things are and how to use them. */
final class Banner {

    private Banner() {
    }

    static String text(StackTemplate template, URI endpoint, Optional<Path> dataDirectory, int concurrency,
                       Duration startup, Optional<WebServer> web, List<HttpApiGateway> apis, boolean iam) {
        String url = "http://localhost:" + endpoint.getPort();
        StringBuilder b = new StringBuilder();
        b.append('\n');
        b.append("  media-pipeline local runtime: ").append(template.file().getFileName()).append(" (stack ")
                .append(template.stackName()).append(", ").append(template.region()).append(", account ")
                .append(template.accountId()).append("), ready in ")
                .append(String.format("%.1f", startup.toMillis() / 1000.0)).append(" s\n\n");
        b.append("  AWS endpoint   ").append(url).append("   S3 and DynamoDB, full access with test/test\n");
        b.append("  IAM            ").append(iam ? "enforced: each function is held to its role's policies (--no-iam "
                + "turns it off)" : "not enforced (--no-iam): functions may call anything").append('\n');
        web.ifPresent(w -> {
            b.append("  upload page    ").append(w.siteUri()).append('\n');
            for (HttpApiGateway api : apis) {
                Set<String> functions = new LinkedHashSet<>();
                api.api().routes().forEach(r -> functions.add(r.functionName()));
                b.append("  HTTP API       ").append(w.uri()).append(api.basePath()).append("   ")
                        .append(api.api().logicalId()).append(": ").append(api.api().routes().size())
                        .append(api.api().routes().size() == 1 ? " route" : " routes").append(" → ")
                        .append(String.join(", ", functions)).append('\n');
            }
        });
        b.append("  data           ").append(dataDirectory.map(Path::toString).orElse("in memory (gone when stopped)"))
                .append(dataDirectory.isPresent() ? "   (--fresh wipes it)" : "").append('\n');
        boolean first = true;
        for (BucketDefinition bucket : template.buckets()) {
            b.append(first ? "  buckets        " : "                 ").append(bucket.name());
            List<String> targets = targets(template, bucket);
            if (!targets.isEmpty()) {
                b.append("  → ").append(String.join(", ", targets));
            }
            b.append('\n');
            first = false;
        }
        first = true;
        for (TableDefinition table : template.tables()) {
            b.append(first ? "  tables         " : "                 ").append(table.name()).append('\n');
            first = false;
        }
        first = true;
        for (FunctionDefinition f : template.functions()) {
            b.append(first ? "  functions      " : "                 ").append(f.name()).append("  (")
                    .append(f.memorySizeMb()).append(" MB, ").append(f.timeoutSeconds()).append(" s, up to ")
                    .append(concurrency).append(" at once)\n");
            first = false;
        }
        Optional<BucketDefinition> upload = uploadBucket(template);
        if (upload.isPresent()) {
            b.append("\n  try it         aws --endpoint-url ").append(url).append(" s3 cp photo.jpg s3://")
                    .append(upload.get().name()).append("/\n");
            template.buckets().stream().filter(x -> x.name().contains("rendition")).findFirst().ifPresent(r ->
                    b.append("                 aws --endpoint-url ").append(url).append(" s3 ls s3://")
                            .append(r.name()).append("/ --recursive\n"));
        }
        web.ifPresent(w -> apis.stream().findFirst().ifPresent(api -> api.api().routes().stream()
                .filter(r -> r.method().equals("GET") && !r.path().contains("{")).findFirst()
                .ifPresent(r -> b.append("                 curl ").append(w.uri()).append(api.basePath())
                        .append(r.path()).append('\n'))));
        b.append("  one function   ./run-local invoke <Function> -e events/<event>.json\n");
        b.append("  stop           Ctrl-C (stops every function process)\n");
        for (String warning : template.warnings()) {
            b.append("\n  note: ").append(warning);
        }
        return b.append('\n').toString();
    }

    private static List<String> targets(StackTemplate template, BucketDefinition bucket) {
        Set<String> out = new LinkedHashSet<>();
        for (NotificationConfiguration n : bucket.notifications()) {
            switch (n.target()) {
                case NotificationConfiguration.FunctionTarget f -> out.add(f.functionName());
                case NotificationConfiguration.TopicTarget t -> {
                    String topic = template.topicByArn(t.topicArn()).map(TopicDefinition::logicalId).orElse(t.topicArn());
                    List<String> subscribers = new ArrayList<>();
                    for (Subscription s : template.subscriptions()) {
                        if (s.topicArn().equals(t.topicArn())) {
                            subscribers.add(s.functionName());
                        }
                    }
                    out.add(topic + (subscribers.isEmpty() ? "" : " → " + String.join(", ", subscribers)));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The bucket to try: one whose uploads reach a function, preferring one named for uploads. */
    static Optional<BucketDefinition> uploadBucket(StackTemplate template) {
        List<BucketDefinition> notifying = template.buckets().stream().filter(b -> !b.notifications().isEmpty()).toList();
        return notifying.stream().filter(b -> b.name().contains("upload")).findFirst()
                .or(() -> notifying.stream().findFirst());
    }
}
