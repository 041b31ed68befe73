package dev.mediapipeline.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.local.template.EventInvokeConfig;
import dev.mediapipeline.local.template.FunctionDefinition;
import dev.mediapipeline.local.template.FunctionRole;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalIamTest {

    private static FunctionDefinition function(String name, String roleArn, List<String> managed) {
        return new FunctionDefinition(name, name, "arn:aws:lambda:us-east-1:123456789012:function:" + name,
                "x.Handler", Path.of("/x.jar"), "java21", 256, 10, Map.of(), EventInvokeConfig.DEFAULT, List.of(),
                "x86_64", List.of(), new FunctionRole(name + "Role", roleArn, List.of(
                Statements.allow(List.of("s3:GetObject"), List.of("arn:aws:s3:::b/*"))), managed));
    }

    @Test
    void eachFunctionHasItsOwnStableCredentialsAndPrincipal() {
        var iam = new LocalIam();
        FunctionPrincipal thumbnails = iam.register(function("Thumbnails",
                "arn:aws:iam::123456789012:role/stack-ThumbnailsRole-ABC", List.of()));
        FunctionPrincipal index = iam.register(function("Index", "arn:aws:iam::123456789012:role/IndexRole",
                List.of("arn:aws:iam::aws:policy/AmazonS3FullAccess", "arn:aws:iam::aws:policy/Unknown")));

        assertThat(thumbnails.credentials().accessKeyId()).as("temporary key").startsWith("ASIA").hasSize(20)
                .isNotEqualTo(index.credentials().accessKeyId());
        assertThat(FunctionCredentials.of(function("Thumbnails",
                "arn:aws:iam::123456789012:role/stack-ThumbnailsRole-ABC", List.of())))
                .as("derived again, e.g. by ./run-local invoke").isEqualTo(thumbnails.credentials());
        assertThat(thumbnails.credentials().toString()).as("no secret in logs")
                .doesNotContain(thumbnails.credentials().secretAccessKey());
        assertThat(iam.principal(index.credentials().accessKeyId())).as("lookup").contains(index);
        assertThat(iam.principal("test")).as("the shared key is no function's").isEmpty();
        assertThat(thumbnails.sessionArn()).as("session ARN")
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/stack-ThumbnailsRole-ABC/Thumbnails");
        assertThat(iam.authorize(index, List.of(new AccessRequest("s3:DeleteObject", "arn:aws:s3:::z/k"))))
                .as("a known managed policy grants").isInstanceOf(Verdict.Granted.class);
    }

    @Test
    void denialsNameTheSessionAndAreSkippedWhenNotEnforcing() {
        var iam = new LocalIam();
        FunctionPrincipal fn = iam.register(function("Api", "arn:aws:iam::123456789012:role/ApiRole", List.of()));
        var put = new AccessRequest("s3:PutObject", "arn:aws:s3:::b/k");

        assertThat(iam.authorize(fn, List.of(new AccessRequest("s3:GetObject", "arn:aws:s3:::b/k"), put)))
                .as("the first refused question decides").isInstanceOfSatisfying(Verdict.Denied.class, denied ->
                        assertThat(denied.denial().message(true)).isEqualTo("User: arn:aws:sts::123456789012:"
                                + "assumed-role/ApiRole/Api is not authorized to perform: s3:PutObject on resource: "
                                + "\"arn:aws:s3:::b/k\" because no identity-based policy allows the s3:PutObject action"));
        iam.enforcing(false);
        assertThat(iam.authorize(fn, List.of(put))).as("--no-iam").isInstanceOf(Verdict.Granted.class);
    }
}
