package dev.mediapipeline.local.aws;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Resolves {@code *.localhost} to the loopback address in the test JVM, as browsers, curl and systemd-resolved do
 * (RFC 6761) but glibc's resolver here does not, so that the AWS SDK's default virtual-host-style requests
 * ({@code http://bucket.localhost:port/key}) reach the endpoint. Every other name goes to the JDK's resolver.
 * Registered in {@code META-INF/services} of the test class path only.
 */
public final class LocalhostSubdomainResolverProvider extends InetAddressResolverProvider {

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
                    return Stream.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
                }
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "localhost-subdomains";
    }
}
