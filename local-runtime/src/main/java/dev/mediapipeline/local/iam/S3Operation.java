package dev.mediapipeline.local.iam;

import java.util.List;

/**
 * What an S3 request asks IAM: the operation's name (as the S3 API names it) and the actions on resources it needs.
 *
 * @param kind tells the requests whose answer depends on more than these checks: a read of one object (a missing
 *             key answers 404 only to a caller with {@code s3:ListBucket}, else 403), DeleteObjects (authorised
 *             key by key, refused keys reported inside the result), a browser POST upload (its key and credential
 *             are in the form)
 */
public record S3Operation(String name, List<AccessRequest> checks, Kind kind) {

    public enum Kind { OBJECT_READ, DELETE_OBJECTS, FORM_UPLOAD, OTHER }

    public S3Operation {
        checks = List.copyOf(checks);
    }
}
