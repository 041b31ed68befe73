package dev.mediapipeline.local.aws;

import java.util.Optional;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Refuses, key by key, the deletions the request's principal may not make ({@link RequestScope#deletes()}): S3Proxy
 * runs DeleteObjects as one {@code removeBlob} per key and reports a key whose removal throws as an
 * {@code <Error>} of the result, which is how S3 answers a DeleteObjects with keys the caller may not delete
 * (HTTP 200, those keys in {@code <Error>} with code AccessDenied, the others deleted). A single DeleteObject is
 * authorised before S3Proxy sees it, so only DeleteObjects is ever refused here.
 */
final class AuthorizedDeletes extends ForwardingBlobStore {

    AuthorizedDeletes(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        Optional<String> refusal = RequestScope.current().flatMap(scope -> scope.deletes()
                .refusal(request.bucket(), request.key(), request.versionId() != null));
        if (refusal.isPresent()) {
            throw (S3Exception) S3Exception.builder().statusCode(403).message(refusal.get())
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied")
                            .errorMessage(refusal.get()).build())
                    .build();
        }
        return super.removeBlob(request);
    }
}
