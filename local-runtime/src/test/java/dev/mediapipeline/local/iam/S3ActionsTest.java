package dev.mediapipeline.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class S3ActionsTest {

    private static S3Operation classify(String method, String bucket, String key, Map<String, String> query,
                                        Map<String, String> headers) {
        return S3Actions.classify(new S3Call(method, bucket, key, query, name -> headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null)));
    }

    private static S3Operation classify(String method, String bucket, String key, Map<String, String> query) {
        return classify(method, bucket, key, query, Map.of());
    }

    private static List<String> checks(S3Operation operation) {
        return operation.checks().stream().map(c -> c.action() + " " + c.resource()).toList();
    }

    @Nested
    class Objects {

        @Test
        void readsAreGetObjectAndDependOnTheKeyExisting() {
            S3Operation get = classify("GET", "media", "a/b.jpg", Map.of());
            S3Operation head = classify("HEAD", "media", "a/b.jpg", Map.of());

            assertThat(checks(get)).as("GetObject").containsExactly("s3:GetObject arn:aws:s3:::media/a/b.jpg");
            assertThat(checks(head)).as("HeadObject").containsExactly("s3:GetObject arn:aws:s3:::media/a/b.jpg");
            assertThat(List.of(get.kind(), head.kind())).as("kinds")
                    .containsOnly(S3Operation.Kind.OBJECT_READ);
            assertThat(checks(classify("GET", "media", "k", Map.of("versionId", "v1")))).as("a version")
                    .containsExactly("s3:GetObjectVersion arn:aws:s3:::media/k");
        }

        @Test
        void everyWriteIsPutObject() {
            assertThat(checks(classify("PUT", "media", "k", Map.of()))).as("PutObject")
                    .containsExactly("s3:PutObject arn:aws:s3:::media/k");
            assertThat(checks(classify("POST", "media", "k", Map.of("uploads", "")))).as("CreateMultipartUpload")
                    .containsExactly("s3:PutObject arn:aws:s3:::media/k");
            assertThat(checks(classify("PUT", "media", "k", Map.of("partNumber", "1", "uploadId", "u"))))
                    .as("UploadPart").containsExactly("s3:PutObject arn:aws:s3:::media/k");
            assertThat(checks(classify("POST", "media", "k", Map.of("uploadId", "u"))))
                    .as("CompleteMultipartUpload").containsExactly("s3:PutObject arn:aws:s3:::media/k");
            assertThat(checks(classify("DELETE", "media", "k", Map.of("uploadId", "u"))))
                    .as("AbortMultipartUpload").containsExactly("s3:AbortMultipartUpload arn:aws:s3:::media/k");
            assertThat(checks(classify("GET", "media", "k", Map.of("uploadId", "u"))))
                    .as("ListParts").containsExactly("s3:ListMultipartUploadParts arn:aws:s3:::media/k");
        }

        @Test
        void copyReadsTheSourceAndWritesTheTarget() {
            S3Operation copy = classify("PUT", "media", "to/k", Map.of(),
                    Map.of("x-amz-copy-source", "/uploads-bucket/from%20here/k.jpg"));

            assertThat(copy.name()).as("name").isEqualTo("CopyObject");
            assertThat(checks(copy)).as("checks").containsExactly(
                    "s3:GetObject arn:aws:s3:::uploads-bucket/from here/k.jpg", "s3:PutObject arn:aws:s3:::media/to/k");
            assertThat(checks(classify("PUT", "media", "to/k", Map.of(),
                    Map.of("x-amz-copy-source", "b/k?versionId=3")))).as("a version as source")
                    .startsWith("s3:GetObjectVersion arn:aws:s3:::b/k");
        }

        @Test
        void deletesTaggingAndTheTaggingHeader() {
            assertThat(checks(classify("DELETE", "media", "k", Map.of()))).as("DeleteObject")
                    .containsExactly("s3:DeleteObject arn:aws:s3:::media/k");
            assertThat(checks(classify("GET", "media", "k", Map.of("tagging", "")))).as("GetObjectTagging")
                    .containsExactly("s3:GetObjectTagging arn:aws:s3:::media/k");
            assertThat(checks(classify("DELETE", "media", "k", Map.of("tagging", "")))).as("DeleteObjectTagging")
                    .containsExactly("s3:DeleteObjectTagging arn:aws:s3:::media/k");
            assertThat(checks(classify("PUT", "media", "k", Map.of(), Map.of("x-amz-tagging", "a=b"))))
                    .as("PutObject with tags").containsExactly("s3:PutObject arn:aws:s3:::media/k",
                            "s3:PutObjectTagging arn:aws:s3:::media/k");
        }
    }

    @Nested
    class Buckets {

        @Test
        void listingIsListBucketWithItsConditionKeys() {
            S3Operation list = classify("GET", "media", null, Map.of("list-type", "2", "prefix", "uploads/",
                    "delimiter", "/", "max-keys", "10"));

            assertThat(list.name()).as("name").isEqualTo("ListObjectsV2");
            assertThat(checks(list)).as("checks").containsExactly("s3:ListBucket arn:aws:s3:::media");
            AccessRequest check = list.checks().get(0);
            assertThat(List.of(check.values("s3:prefix"), check.values("s3:delimiter"), check.values("s3:max-keys")))
                    .as("condition keys").containsExactly(List.of("uploads/"), List.of("/"), List.of("10"));
            assertThat(classify("GET", "media", null, Map.of()).checks().get(0).values("s3:prefix"))
                    .as("no prefix parameter: no key").isNull();
            assertThat(checks(classify("HEAD", "media", null, Map.of()))).as("HeadBucket")
                    .containsExactly("s3:ListBucket arn:aws:s3:::media");
        }

        @Test
        void bucketOperationsByTheirIamNames() {
            assertThat(checks(classify("GET", "media", null, Map.of("location", "")))).as("GetBucketLocation")
                    .containsExactly("s3:GetBucketLocation arn:aws:s3:::media");
            assertThat(checks(classify("GET", "media", null, Map.of("uploads", "")))).as("ListMultipartUploads")
                    .containsExactly("s3:ListBucketMultipartUploads arn:aws:s3:::media");
            assertThat(checks(classify("DELETE", "media", null, Map.of("cors", "")))).as("DeleteBucketCors")
                    .containsExactly("s3:PutBucketCORS arn:aws:s3:::media");
            assertThat(checks(classify("PUT", "media", null, Map.of()))).as("CreateBucket")
                    .containsExactly("s3:CreateBucket arn:aws:s3:::media");
            assertThat(checks(classify("GET", null, null, Map.of()))).as("ListBuckets")
                    .containsExactly("s3:ListAllMyBuckets arn:aws:s3:::*");
        }

        @Test
        void deleteObjectsAndFormUploadsAreDecidedLater() {
            assertThat(classify("POST", "media", null, Map.of("delete", "")).kind()).as("DeleteObjects")
                    .isEqualTo(S3Operation.Kind.DELETE_OBJECTS);
            assertThat(classify("POST", "media", null, Map.of()).kind()).as("POST upload")
                    .isEqualTo(S3Operation.Kind.FORM_UPLOAD);
            assertThat(S3Actions.deleteOne("media", "k", false)).as("each key of DeleteObjects")
                    .isEqualTo(new AccessRequest("s3:DeleteObject", "arn:aws:s3:::media/k"));
        }
    }

    @Test
    void percentDecodingKeepsPlusSigns() {
        assertThat(S3Actions.percentDecode("a+b%20c%C3%A9%2")).as("decoded").isEqualTo("a+b cé%2");
    }
}
