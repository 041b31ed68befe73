package dev.mediapipeline.local.iam;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps an S3 request to the IAM actions and resources AWS authorises it against (the service authorization
 * reference's "Actions defined by Amazon S3"): e.g. GetObject and HeadObject are {@code s3:GetObject} on
 * {@code arn:aws:s3:::bucket/key}; ListObjects(V2) and HeadBucket are {@code s3:ListBucket} on the bucket with
 * the {@code s3:prefix}, {@code s3:delimiter} and {@code s3:max-keys} condition keys; every write of an object
 * (PutObject, POST upload, the multipart calls but Abort and ListParts) is {@code s3:PutObject}; CopyObject is
 * {@code s3:GetObject} on the source and {@code s3:PutObject} on the target.
 */
public final class S3Actions {

    /** Bucket sub-resources: query parameter -> the action of GET, PUT and DELETE on it (null: not that method). */
    private static final Map<String, String[]> BUCKET_SUBRESOURCES = Map.ofEntries(
            Map.entry("acl", new String[]{"GetBucketAcl", "PutBucketAcl", null}),
            Map.entry("cors", new String[]{"GetBucketCORS", "PutBucketCORS", "PutBucketCORS"}),
            Map.entry("policy", new String[]{"GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy"}),
            Map.entry("policyStatus", new String[]{"GetBucketPolicyStatus", null, null}),
            Map.entry("versioning", new String[]{"GetBucketVersioning", "PutBucketVersioning", null}),
            Map.entry("encryption", new String[]{"GetEncryptionConfiguration", "PutEncryptionConfiguration",
                    "PutEncryptionConfiguration"}),
            Map.entry("tagging", new String[]{"GetBucketTagging", "PutBucketTagging", "PutBucketTagging"}),
            Map.entry("notification", new String[]{"GetBucketNotification", "PutBucketNotification", null}),
            Map.entry("lifecycle", new String[]{"GetLifecycleConfiguration", "PutLifecycleConfiguration",
                    "PutLifecycleConfiguration"}),
            Map.entry("website", new String[]{"GetBucketWebsite", "PutBucketWebsite", "DeleteBucketWebsite"}),
            Map.entry("logging", new String[]{"GetBucketLogging", "PutBucketLogging", null}),
            Map.entry("object-lock", new String[]{"GetBucketObjectLockConfiguration",
                    "PutBucketObjectLockConfiguration", null}),
            Map.entry("ownershipControls", new String[]{"GetBucketOwnershipControls", "PutBucketOwnershipControls",
                    "PutBucketOwnershipControls"}),
            Map.entry("publicAccessBlock", new String[]{"GetBucketPublicAccessBlock", "PutBucketPublicAccessBlock",
                    "PutBucketPublicAccessBlock"}),
            Map.entry("requestPayment", new String[]{"GetBucketRequestPayment", "PutBucketRequestPayment", null}),
            Map.entry("accelerate", new String[]{"GetAccelerateConfiguration", "PutAccelerateConfiguration", null}),
            Map.entry("replication", new String[]{"GetReplicationConfiguration", "PutReplicationConfiguration",
                    "PutReplicationConfiguration"}),
            Map.entry("location", new String[]{"GetBucketLocation", null, null}),
            Map.entry("uploads", new String[]{"ListBucketMultipartUploads", null, null}),
            Map.entry("versions", new String[]{"ListBucketVersions", null, null}));

    /** Object sub-resources: query parameter -> the action of GET, PUT and DELETE on it. */
    private static final Map<String, String[]> OBJECT_SUBRESOURCES = Map.of(
            "acl", new String[]{"GetObjectAcl", "PutObjectAcl", null},
            "tagging", new String[]{"GetObjectTagging", "PutObjectTagging", "DeleteObjectTagging"},
            "retention", new String[]{"GetObjectRetention", "PutObjectRetention", null},
            "legal-hold", new String[]{"GetObjectLegalHold", "PutObjectLegalHold", null},
            "torrent", new String[]{"GetObjectTorrent", null, null},
            "attributes", new String[]{"GetObjectAttributes", null, null});

    private S3Actions() {
    }

    public static S3Operation classify(S3Call call) {
        if (call.bucket() == null) {
            return new S3Operation("ListBuckets", List.of(new AccessRequest("s3:ListAllMyBuckets", "arn:aws:s3:::*")),
                    S3Operation.Kind.OTHER);
        }
        return call.key() == null ? bucketOperation(call) : objectOperation(call);
    }

    private static S3Operation bucketOperation(S3Call call) {
        String method = call.method();
        if (method.equals("POST")) {
            if (call.has("delete")) {
                // authorised key by key (s3:DeleteObject on each), refused keys reported inside the result
                return new S3Operation("DeleteObjects", List.of(), S3Operation.Kind.DELETE_OBJECTS);
            }
            // a browser form upload: the key (and the signer) are in the form; the caller asks again with the key
            return new S3Operation("PostObject", List.of(), S3Operation.Kind.FORM_UPLOAD);
        }
        int column = switch (method) {
            case "GET" -> 0;
            case "PUT" -> 1;
            case "DELETE" -> 2;
            default -> -1;
        };
        if (column >= 0) {
            for (Map.Entry<String, String[]> entry : BUCKET_SUBRESOURCES.entrySet()) {
                String action = entry.getValue()[column];
                if (call.has(entry.getKey()) && action != null) {
                    return single(action, action, call.bucketArn(), Map.of(), S3Operation.Kind.OTHER);
                }
            }
        }
        return switch (method) {
            case "PUT" -> single("CreateBucket", "CreateBucket", call.bucketArn(), Map.of(), S3Operation.Kind.OTHER);
            case "DELETE" -> single("DeleteBucket", "DeleteBucket", call.bucketArn(), Map.of(),
                    S3Operation.Kind.OTHER);
            case "HEAD" -> single("HeadBucket", "ListBucket", call.bucketArn(), Map.of(), S3Operation.Kind.OTHER);
            default -> single(call.parameter("list-type").filter("2"::equals).isPresent()
                            ? "ListObjectsV2" : "ListObjects", "ListBucket", call.bucketArn(),
                    S3Call.keys("s3:prefix", call.parameter("prefix"), "s3:delimiter", call.parameter("delimiter"),
                            "s3:max-keys", call.parameter("max-keys")), S3Operation.Kind.OTHER);
        };
    }

    private static S3Operation objectOperation(S3Call call) {
        String method = call.method();
        Optional<String> versionId = call.parameter("versionId");
        Map<String, List<String>> version = S3Call.keys("s3:versionid", versionId);
        int column = switch (method) {
            case "GET" -> 0;
            case "PUT" -> 1;
            case "DELETE" -> 2;
            default -> -1;
        };
        if (column >= 0) {
            for (Map.Entry<String, String[]> entry : OBJECT_SUBRESOURCES.entrySet()) {
                String action = entry.getValue()[column];
                if (call.has(entry.getKey()) && action != null) {
                    String iamAction = versionId.isPresent() && !action.endsWith("Attributes")
                            ? action.replace("Object", "ObjectVersion") : action;
                    List<AccessRequest> checks = new ArrayList<>(List.of(
                            new AccessRequest("s3:" + iamAction, call.objectArn(), version)));
                    if (action.equals("GetObjectAttributes")) {
                        // GetObjectAttributes needs both (the service authorization reference lists s3:GetObject)
                        checks.add(new AccessRequest("s3:GetObject", call.objectArn()));
                    }
                    return new S3Operation(action, checks, S3Operation.Kind.OTHER);
                }
            }
        }
        switch (method) {
            case "GET", "HEAD" -> {
                String name = method.equals("GET") ? "GetObject" : "HeadObject";
                if (call.has("uploadId")) {
                    return single("ListParts", "ListMultipartUploadParts", call.objectArn(), Map.of(),
                            S3Operation.Kind.OTHER);
                }
                return single(name, versionId.isPresent() ? "GetObjectVersion" : "GetObject", call.objectArn(),
                        version, S3Operation.Kind.OBJECT_READ);
            }
            case "PUT" -> {
                Optional<String> copySource = call.header("x-amz-copy-source");
                boolean part = call.has("partNumber") && call.has("uploadId");
                List<AccessRequest> checks = new ArrayList<>();
                copySource.flatMap(S3Actions::copySourceArn).ifPresent(source -> checks.add(
                        new AccessRequest(source.contains("?versionId=") ? "s3:GetObjectVersion" : "s3:GetObject",
                                source.replaceFirst("\\?versionId=.*$", ""))));
                checks.add(new AccessRequest("s3:PutObject", call.objectArn(), S3Call.keys(
                        "s3:x-amz-acl", call.header("x-amz-acl"),
                        "s3:x-amz-copy-source", copySource,
                        "s3:x-amz-server-side-encryption", call.header("x-amz-server-side-encryption"),
                        "s3:x-amz-storage-class", call.header("x-amz-storage-class"))));
                if (!part) {
                    call.header("x-amz-tagging").ifPresent(t -> checks.add(
                            new AccessRequest("s3:PutObjectTagging", call.objectArn())));
                    call.header("x-amz-acl").ifPresent(a -> checks.add(
                            new AccessRequest("s3:PutObjectAcl", call.objectArn())));
                }
                String name = part ? copySource.isPresent() ? "UploadPartCopy" : "UploadPart"
                        : copySource.isPresent() ? "CopyObject" : "PutObject";
                return new S3Operation(name, checks, S3Operation.Kind.OTHER);
            }
            case "POST" -> {
                if (call.has("uploads")) {
                    return single("CreateMultipartUpload", "PutObject", call.objectArn(), Map.of(),
                            S3Operation.Kind.OTHER);
                }
                if (call.has("uploadId")) {
                    return single("CompleteMultipartUpload", "PutObject", call.objectArn(), Map.of(),
                            S3Operation.Kind.OTHER);
                }
                if (call.has("restore")) {
                    return single("RestoreObject", "RestoreObject", call.objectArn(), Map.of(), S3Operation.Kind.OTHER);
                }
                if (call.has("select")) {
                    return single("SelectObjectContent", "GetObject", call.objectArn(), Map.of(),
                            S3Operation.Kind.OTHER);
                }
                return new S3Operation("PostObject", List.of(), S3Operation.Kind.FORM_UPLOAD);
            }
            case "DELETE" -> {
                if (call.has("uploadId")) {
                    return single("AbortMultipartUpload", "AbortMultipartUpload", call.objectArn(), Map.of(),
                            S3Operation.Kind.OTHER);
                }
                return single("DeleteObject", versionId.isPresent() ? "DeleteObjectVersion" : "DeleteObject",
                        call.objectArn(), version, S3Operation.Kind.OTHER);
            }
            default -> {
                return new S3Operation(method, List.of(), S3Operation.Kind.OTHER);
            }
        }
    }

    /** What a browser POST upload asks: {@code s3:PutObject} on the form's key. */
    public static AccessRequest formUpload(String bucket, String key) {
        return new AccessRequest("s3:PutObject", S3Call.objectArn(bucket, key));
    }

    /** What DeleteObjects asks for each key: {@code s3:DeleteObject} (or DeleteObjectVersion) on it. */
    public static AccessRequest deleteOne(String bucket, String key, boolean versioned) {
        return new AccessRequest(versioned ? "s3:DeleteObjectVersion" : "s3:DeleteObject",
                S3Call.objectArn(bucket, key));
    }

    /** The ARN (with {@code ?versionId=} kept) of an {@code x-amz-copy-source} header, {@code [/]bucket/key}. */
    static Optional<String> copySourceArn(String header) {
        String source = header.startsWith("/") ? header.substring(1) : header;
        String version = "";
        int query = source.indexOf('?');
        if (query >= 0) {
            String parameters = source.substring(query + 1);
            source = source.substring(0, query);
            for (String parameter : parameters.split("&")) {
                if (parameter.startsWith("versionId=")) {
                    version = "?" + parameter;
                }
            }
        }
        String decoded = percentDecode(source);
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            return Optional.empty();
        }
        return Optional.of("arn:aws:s3:::" + decoded + version);
    }

    /** Percent-decoding of a URI path ({@code +} stays a plus, as in S3 keys). */
    public static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        var bytes = new java.io.ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static S3Operation single(String name, String action, String resource, Map<String, List<String>> keys,
                                      S3Operation.Kind kind) {
        return new S3Operation(name, List.of(new AccessRequest("s3:" + action, resource, keys)), kind);
    }
}
