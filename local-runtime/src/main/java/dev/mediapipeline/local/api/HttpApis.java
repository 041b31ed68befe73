package dev.mediapipeline.local.api;

import dev.mediapipeline.local.template.HttpApiDefinition;
import dev.mediapipeline.local.template.StackTemplate;
import dev.mediapipeline.local.web.WebServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mounts the template's HTTP APIs on the web port: the first at the web port's API path ({@code /api}, where the
 * upload page's {@code config.json} points), any further one at {@code /<logical id in lower case>}.
 */
public final class HttpApis {

    private HttpApis() {
    }

    public static List<HttpApiGateway> mount(WebServer web, StackTemplate template, FunctionInvoker invoker,
                                             GatewaySettings settings) {
        List<HttpApiGateway> mounted = new ArrayList<>();
        for (HttpApiDefinition api : template.httpApis()) {
            String path = mounted.isEmpty() ? web.options().apiPath() : "/" + api.logicalId().toLowerCase(Locale.ROOT);
            HttpApiGateway gateway = new HttpApiGateway(api, path, invoker, settings);
            web.mount(path, gateway);
            mounted.add(gateway);
        }
        return mounted;
    }
}
