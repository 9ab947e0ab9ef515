package io.polyclinic.ingest.imports;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.polyclinic.contracts.ingest.v1.FileHeader;
import io.polyclinic.contracts.ingest.v1.FileUpload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC upload stream: the {@link FileHeader} first, then the file's chunks into a temporary file (at most
 * {@code maxBytes}, else RESOURCE_EXHAUSTED); when the client completes, the action runs once on the file and its
 * result is the answer. The file is deleted in every case.
 */
final class FileUploadObserver<T> implements StreamObserver<FileUpload> {

    private static final Logger log = LoggerFactory.getLogger(FileUploadObserver.class);

    /** What to do with the uploaded file once the stream has ended. */
    @FunctionalInterface
    interface UploadAction<T> {
        T apply(FileHeader header, Path file) throws IOException;
    }

    private final StreamObserver<T> response;
    private final UploadAction<T> action;
    private final long maxBytes;
    private final Function<RuntimeException, StatusRuntimeException> errors;
    private FileHeader header;
    private Path file;
    private OutputStream out;
    private long size;
    private boolean failed;

    FileUploadObserver(
            StreamObserver<T> response,
            long maxBytes,
            Function<RuntimeException, StatusRuntimeException> errors,
            UploadAction<T> action) {
        this.response = response;
        this.maxBytes = maxBytes;
        this.errors = errors;
        this.action = action;
    }

    @Override
    public void onNext(FileUpload message) {
        if (failed) {
            return;
        }
        try {
            if (message.hasHeader()) {
                if (header != null) {
                    fail(Status.INVALID_ARGUMENT.withDescription("The header comes once, first."));
                    return;
                }
                header = message.getHeader();
                file = Files.createTempFile("ingest-grpc", ".upload");
                out = Files.newOutputStream(file);
            } else if (header == null) {
                fail(Status.INVALID_ARGUMENT.withDescription("The first message must be the header."));
            } else {
                size += message.getChunk().size();
                if (size > maxBytes) {
                    fail(Status.RESOURCE_EXHAUSTED.withDescription("The file is larger than the limit."));
                    return;
                }
                message.getChunk().writeTo(out);
            }
        } catch (IOException e) {
            fail(Status.INTERNAL.withDescription("The upload could not be stored."));
        }
    }

    @Override
    public void onError(Throwable t) {
        cleanUp();
    }

    @Override
    public void onCompleted() {
        if (failed) {
            return;
        }
        if (header == null) {
            fail(Status.INVALID_ARGUMENT.withDescription("The stream has no header."));
            return;
        }
        try {
            out.close();
            response.onNext(action.apply(header, file));
            response.onCompleted();
        } catch (IOException e) {
            response.onError(Status.INTERNAL
                    .withDescription("The upload could not be read.")
                    .asRuntimeException());
        } catch (RuntimeException e) {
            response.onError(errors.apply(e));
        } finally {
            cleanUp();
        }
    }

    private void fail(Status status) {
        failed = true;
        cleanUp();
        response.onError(status.asRuntimeException());
    }

    private void cleanUp() {
        try {
            if (out != null) {
                out.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
        }
    }
}
