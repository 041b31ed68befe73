package dev.mediapipeline.aws;

import dev.mediapipeline.model.ObjectInfo;
import dev.mediapipeline.model.ObjectNotFoundException;
import dev.mediapipeline.model.ObjectStore;
import dev.mediapipeline.model.ObjectStoreException;
import dev.mediapipeline.model.StoredObject;
import dev.mediapipeline.model.WriteOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link ObjectStore} on Amazon S3 (or anything that speaks its API), through the AWS SDK v2. */
public final class S3ObjectStore implements ObjectStore {

    /** S3's limit of keys per DeleteObjects request. */
    static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final int deleteBatch;

    public S3ObjectStore(S3Client s3) {
        this(s3, DELETE_BATCH);
    }

    /** With a smaller batch for deleteAll: lets tests cross batch boundaries without writing thousands of objects. */
    S3ObjectStore(S3Client s3, int deleteBatch) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (deleteBatch < 1 || deleteBatch > DELETE_BATCH) {
            throw new IllegalArgumentException("deleteBatch must be between 1 and " + DELETE_BATCH);
        }
        this.deleteBatch = deleteBatch;
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) {
        try {
            HeadObjectResponse r = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new ObjectInfo(bucket, key, r.contentLength(), r.eTag(), r.contentType(), r.lastModified(), r.metadata()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("HEAD", bucket, key, e);
        } catch (SdkException e) {
            throw failure("HEAD", bucket, key, e);
        }
    }

    @Override
    public StoredObject open(String bucket, String key) {
        return get(GetObjectRequest.builder().bucket(bucket).key(key).build());
    }

    @Override
    public StoredObject openRange(String bucket, String key, long offset, long length) {
        if (offset < 0 || length < 1) {
            throw new IllegalArgumentException("range offset " + offset + " length " + length);
        }
        return get(GetObjectRequest.builder().bucket(bucket).key(key)
                .range("bytes=" + offset + "-" + (offset + length - 1)).build());
    }

    private StoredObject get(GetObjectRequest request) {
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(request);
            GetObjectResponse r = in.response();
            return new StoredObject(new ObjectInfo(request.bucket(), request.key(), r.contentLength(), r.eTag(), r.contentType(),
                    r.lastModified(), r.metadata()), in);
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(request.bucket(), request.key());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ObjectNotFoundException(request.bucket(), request.key());
            }
            if (e.statusCode() == 416) {
                // range past the end of a (possibly empty) object: nothing to read
                return new StoredObject(new ObjectInfo(request.bucket(), request.key(), 0, null, null, null, null),
                        java.io.InputStream.nullInputStream());
            }
            throw failure("GET", request.bucket(), request.key(), e);
        } catch (SdkException e) {
            throw failure("GET", request.bucket(), request.key(), e);
        }
    }

    @Override
    public ObjectInfo put(String bucket, String key, byte[] content, WriteOptions options) {
        return put(bucket, key, RequestBody.fromBytes(content), content.length, options);
    }

    @Override
    public ObjectInfo put(String bucket, String key, Path file, WriteOptions options) {
        long size = file.toFile().length();
        return put(bucket, key, RequestBody.fromFile(file), size, options);
    }

    private ObjectInfo put(String bucket, String key, RequestBody body, long size, WriteOptions options) {
        try {
            PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
                    .contentType(options.contentType())
                    .metadata(options.userMetadata());
            if (options.cacheControl() != null) {
                request.cacheControl(options.cacheControl());
            }
            PutObjectResponse r = s3.putObject(request.build(), body);
            return new ObjectInfo(bucket, key, size, r.eTag(), options.contentType(), null, options.userMetadata());
        } catch (SdkException e) {
            throw failure("PUT", bucket, key, e);
        }
    }

    @Override
    public void delete(String bucket, String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            // already gone: deletion is idempotent
        } catch (SdkException e) {
            throw failure("DELETE", bucket, key, e);
        }
    }

    /** Deletes with DeleteObjects, up to {@value #DELETE_BATCH} keys a request; fails if S3 reports any key it could not delete. */
    @Override
    public int deleteAll(String bucket, List<String> keys) {
        int deleted = 0;
        for (int from = 0; from < keys.size(); from += deleteBatch) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + deleteBatch)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            DeleteObjectsResponse r;
            try {
                r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            } catch (SdkException e) {
                throw failure("DELETE (batch of " + batch.size() + ")", bucket, batch.get(0).key(), e);
            }
            List<S3Error> errors = r.errors().stream().filter(e -> !"NoSuchKey".equals(e.code())).toList();
            if (!errors.isEmpty()) {
                S3Error first = errors.get(0);
                throw new ObjectStoreException("DELETE s3://" + bucket + "/" + first.key() + " failed: " + first.code() + " "
                        + first.message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more keys)" : ""), null);
            }
            deleted += batch.size();
        }
        return deleted;
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) {
        try {
            List<ObjectInfo> out = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
                out.add(new ObjectInfo(bucket, o.key(), o.size(), o.eTag(), null, o.lastModified(), null));
            }
            return out;
        } catch (SdkException e) {
            throw failure("LIST", bucket, prefix, e);
        }
    }

    private static ObjectStoreException failure(String operation, String bucket, String key, Exception e) {
        return new ObjectStoreException(operation + " s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
}
