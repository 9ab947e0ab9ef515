package io.polyclinic.ingest.imports;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.polyclinic.contracts.ingest.v1.CellProblem;
import io.polyclinic.contracts.ingest.v1.ColumnMapping;
import io.polyclinic.contracts.ingest.v1.FileUpload;
import io.polyclinic.contracts.ingest.v1.IngestServiceGrpc;
import io.polyclinic.contracts.ingest.v1.ListImportsRequest;
import io.polyclinic.contracts.ingest.v1.ListImportsResponse;
import io.polyclinic.contracts.ingest.v1.PreviewResponse;
import io.polyclinic.contracts.ingest.v1.PreviewRow;
import io.polyclinic.contracts.ingest.v1.Sheet;
import io.polyclinic.contracts.ingest.v1.WatchImportRequest;
import io.polyclinic.ingest.dataset.LoadPolicy;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.problem.DomainException;
import io.polyclinic.platform.security.AuthenticatedUserArgumentResolver;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.server.service.GrpcService;

/**
 * The gRPC transport of imports ({@code polyclinic.ingest.v1.IngestService}) over the same {@link ImportService} as
 * REST. A client's mistake is INVALID_ARGUMENT, a refused file FAILED_PRECONDITION, an unknown job NOT_FOUND, a file
 * over the size limit RESOURCE_EXHAUSTED; anything else INTERNAL without details.
 */
@GrpcService
class IngestGrpcController extends IngestServiceGrpc.IngestServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(IngestGrpcController.class);

    private final ImportService imports;
    private final ImportSettings settings;

    IngestGrpcController(ImportService imports, ImportSettings settings) {
        this.imports = imports;
        this.settings = settings;
    }

    @Override
    public StreamObserver<FileUpload> preview(StreamObserver<PreviewResponse> response) {
        var user = AuthenticatedUserArgumentResolver.current();
        return new FileUploadObserver<>(
                response,
                settings.limits().maxFileBytes(),
                IngestGrpcController::status,
                (header, file) -> toProto(imports.preview(
                        user, header.getDataset(), file, header.getFileName(), emptyToNull(header.getSheet()))));
    }

    @Override
    public StreamObserver<FileUpload> startImport(
            StreamObserver<io.polyclinic.contracts.ingest.v1.ImportJob> response) {
        var user = AuthenticatedUserArgumentResolver.current();
        return new FileUploadObserver<>(
                response, settings.limits().maxFileBytes(), IngestGrpcController::status, (header, file) -> {
                    var policy = policy(header.getPolicy());
                    var sheet = emptyToNull(header.getSheet());
                    if (!header.getObjectKey().isEmpty()) {
                        return toProto(
                                imports.startFromKey(user, header.getDataset(), policy, sheet, header.getObjectKey()));
                    }
                    return toProto(
                            imports.startUpload(user, header.getDataset(), policy, sheet, file, header.getFileName()));
                });
    }

    @Override
    public void watchImport(
            WatchImportRequest request, StreamObserver<io.polyclinic.contracts.ingest.v1.ImportJob> response) {
        var user = AuthenticatedUserArgumentResolver.current();
        try {
            var id = UUID.fromString(request.getId());
            imports.follow(user, id, job -> response.onNext(toProto(job)));
            response.onCompleted();
        } catch (IllegalArgumentException e) {
            response.onError(
                    Status.INVALID_ARGUMENT.withDescription("id is not a UUID").asRuntimeException());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.onError(Status.UNAVAILABLE
                    .withDescription("The service is stopping")
                    .asRuntimeException());
        } catch (RuntimeException e) {
            response.onError(status(e));
        }
    }

    @Override
    public void listImports(ListImportsRequest request, StreamObserver<ListImportsResponse> response) {
        try {
            var user = AuthenticatedUserArgumentResolver.current();
            var page = imports.list(
                    user, PageQuery.of(request.getPage(), request.getSize() == 0 ? null : request.getSize()));
            var answer = ListImportsResponse.newBuilder()
                    .setPage(page.page())
                    .setSize(page.size())
                    .setTotalItems(page.totalItems())
                    .setTotalPages(page.totalPages());
            page.items().forEach(job -> answer.addItems(toProto(job)));
            response.onNext(answer.build());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(status(e));
        }
    }

    static io.grpc.StatusRuntimeException status(RuntimeException e) {
        if (e instanceof DomainException domain) {
            var status =
                    switch (domain.status().value()) {
                        case 400 -> Status.INVALID_ARGUMENT;
                        case 403 -> Status.PERMISSION_DENIED;
                        case 404 -> Status.NOT_FOUND;
                        case 409 -> Status.ALREADY_EXISTS;
                        case 413 -> Status.RESOURCE_EXHAUSTED;
                        case 503 -> Status.UNAVAILABLE;
                        default -> Status.FAILED_PRECONDITION;
                    };
            return status.withDescription(domain.getMessage()).asRuntimeException();
        }
        log.error("gRPC import call failed", e);
        return Status.INTERNAL.withDescription("Internal error").asRuntimeException();
    }

    private static LoadPolicy policy(String policy) {
        if (policy.isBlank()) {
            return LoadPolicy.ALL_OR_NOTHING;
        }
        try {
            return LoadPolicy.valueOf(policy.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.polyclinic.platform.problem.InvalidRequestException(
                    "policy", "policy is ALL_OR_NOTHING or SKIP_INVALID.");
        }
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static PreviewResponse toProto(Preview preview) {
        var answer = PreviewResponse.newBuilder()
                .setDataset(preview.dataset())
                .setFormat(preview.format())
                .setSheet(preview.sheet())
                .setHeaderRow(preview.headerRow())
                .addAllUnknownHeaders(preview.mapping().unknownHeaders())
                .addAllMissingFields(preview.mapping().missingFields());
        preview.sheets()
                .forEach(s -> answer.addSheets(
                        Sheet.newBuilder().setIndex(s.index()).setName(s.name()).setHidden(s.hidden())));
        preview.mapping()
                .columns()
                .forEach(c -> answer.addColumns(ColumnMapping.newBuilder()
                        .setIndex(c.index())
                        .setHeader(c.header())
                        .setField(nullToEmpty(c.field()))
                        .setSuggestedField(nullToEmpty(c.suggestedField()))
                        .setSuggestedSpelling(nullToEmpty(c.suggestedSpelling()))
                        .setNote(nullToEmpty(c.note()))));
        for (var row : preview.rows()) {
            var proto = PreviewRow.newBuilder().setRowNumber(row.rowNumber()).putAllParsed(row.parsed());
            row.stored().forEach((field, value) -> proto.putStored(field, String.valueOf(value)));
            row.problems()
                    .forEach(p -> proto.addProblems(CellProblem.newBuilder()
                            .setHeader(nullToEmpty(p.header()))
                            .setField(p.field())
                            .setValue(nullToEmpty(p.value()))
                            .setReason(p.reason())));
            answer.addRows(proto);
        }
        return answer.build();
    }

    static io.polyclinic.contracts.ingest.v1.ImportJob toProto(ImportJob job) {
        var proto = io.polyclinic.contracts.ingest.v1.ImportJob.newBuilder()
                .setId(job.id().toString())
                .setDataset(job.dataset())
                .setPolicy(job.policy().name())
                .setStatus(job.status().name())
                .setFileName(job.fileName())
                .setFileSize(job.fileSize())
                .setSheet(nullToEmpty(job.sheet()))
                .setStartedBy(job.startedBy().toString())
                .setRowsRead(job.rowsRead())
                .setInserted(job.inserted())
                .setUpdated(job.updated())
                .setUnchanged(job.unchanged())
                .setRejected(job.rejected())
                .setFailureReason(nullToEmpty(job.failureReason()))
                .setCreatedAt(timestamp(job.createdAt()));
        if (job.rowsTotal() != null) {
            proto.setRowsTotal(job.rowsTotal());
        }
        if (job.startedAt() != null) {
            proto.setStartedAt(timestamp(job.startedAt()));
        }
        if (job.finishedAt() != null) {
            proto.setFinishedAt(timestamp(job.finishedAt()));
        }
        if (job.durationMs() != null) {
            proto.setDurationMs(job.durationMs());
        }
        return proto.build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
