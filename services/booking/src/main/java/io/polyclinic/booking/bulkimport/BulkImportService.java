package io.polyclinic.booking.bulkimport;

import io.polyclinic.booking.effects.AuditChannel;
import io.polyclinic.contracts.booking.v1.DoctorRow;
import io.polyclinic.contracts.booking.v1.SlotRow;
import io.polyclinic.platform.problem.DomainException;
import io.polyclinic.platform.problem.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the rows of one bulk import call, in order, answering one {@link ImportedRow} per row:
 *
 * <ul>
 *   <li>each row in its own transaction, so a rejected row leaves the others applied (the ingest job decides its
 *       policy: skip invalid rows, or check everything first with a dry run);
 *   <li>a dry run in one transaction rolled back at the end, each row in a savepoint: the answers say what the rows
 *       would do, later rows seeing earlier ones, and nothing is written (no audit, event or eviction either);
 *   <li>every audit entry names the importing user as the actor and the ingest service and import id as its
 *       channel.
 * </ul>
 *
 * A row that two imports create at the same moment is retried once, so two imports of one file end as one import.
 */
@Service
public class BulkImportService {

    private static final Logger log = LoggerFactory.getLogger(BulkImportService.class);

    /** The row field a use case's refusal (by its problem type) concerns; other refusals concern the whole row. */
    private static final Map<String, String> DOCTOR_FIELDS = Map.of("not-clinic-manager", "clinics");

    private static final Map<String, String> SLOT_FIELDS = Map.of(
            "not-clinic-manager", "clinic",
            "doctor-not-in-clinic", "clinic",
            "slot-overlaps", "local_start",
            "slot-in-past", "local_start",
            "slot-has-history", "duration_minutes",
            "slot-booked", "duration_minutes");

    private final DoctorImportService doctorImport;
    private final SlotImportService slotImport;
    private final ImportReferenceRepository referenceData;
    private final TransactionTemplate rowTransaction;
    private final TransactionTemplate callTransaction;
    private final TransactionTemplate savepoint;

    public BulkImportService(
            DoctorImportService doctorImport,
            SlotImportService slotImport,
            ImportReferenceRepository referenceData,
            PlatformTransactionManager transactions) {
        this.doctorImport = doctorImport;
        this.slotImport = slotImport;
        this.referenceData = referenceData;
        this.rowTransaction = new TransactionTemplate(transactions);
        this.callTransaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Imports doctor rows.
     *
     * @param results receives each row's result as soon as it is known
     * @param cancelled polled between rows: true stops the call (rows already applied stay)
     */
    public void importDoctors(
            ImportScope scope, List<DoctorRow> rows, Consumer<ImportedRow> results, BooleanSupplier cancelled) {
        run(scope, rows, DoctorRow::getRowNumber, doctorImport::apply, DOCTOR_FIELDS, results, cancelled);
    }

    /** Imports slot rows; as {@link #importDoctors}. */
    public void importSlots(
            ImportScope scope, List<SlotRow> rows, Consumer<ImportedRow> results, BooleanSupplier cancelled) {
        run(scope, rows, SlotRow::getRowNumber, slotImport::apply, SLOT_FIELDS, results, cancelled);
    }

    /** Applies one row of type R. */
    @FunctionalInterface
    private interface RowApplier<R> {
        ImportedRow apply(ImportScope scope, ImportReferences references, R row);
    }

    @FunctionalInterface
    private interface RowNumber<R> {
        long of(R row);
    }

    private <R> void run(
            ImportScope scope,
            List<R> rows,
            RowNumber<R> number,
            RowApplier<R> applier,
            Map<String, String> fields,
            Consumer<ImportedRow> results,
            BooleanSupplier cancelled) {
        var references = new ImportReferences(referenceData.clinics(), referenceData.specialties());
        Map<String, Object> channel =
                Map.of("service", "ingest", "importId", scope.importId().toString());
        AuditChannel.during(channel, () -> {
            if (scope.dryRun()) {
                callTransaction.executeWithoutResult(call -> {
                    call.setRollbackOnly();
                    each(
                            rows,
                            cancelled,
                            row -> results.accept(attempt(
                                    savepoint, fields, number.of(row), () -> applier.apply(scope, references, row))));
                });
            } else {
                each(
                        rows,
                        cancelled,
                        row -> results.accept(attempt(
                                rowTransaction, fields, number.of(row), () -> applier.apply(scope, references, row))));
            }
            return null;
        });
    }

    private static <R> void each(List<R> rows, BooleanSupplier cancelled, Consumer<R> action) {
        for (var row : rows) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            action.accept(row);
        }
    }

    /** Runs one row in the template's transaction; a row two imports insert at once is retried once. */
    private static ImportedRow attempt(
            TransactionTemplate transaction, Map<String, String> fields, long rowNumber, Supplier<ImportedRow> row) {
        try {
            return once(transaction, fields, rowNumber, row);
        } catch (DuplicateKeyException e) {
            log.debug("Row {} raced another import; retrying it once", rowNumber);
            try {
                return once(transaction, fields, rowNumber, row);
            } catch (DuplicateKeyException again) {
                return ImportedRow.rejected(rowNumber, "", "Another import changed this row at the same time; retry.");
            }
        }
    }

    private static ImportedRow once(
            TransactionTemplate transaction, Map<String, String> fields, long rowNumber, Supplier<ImportedRow> row) {
        try {
            return transaction.execute(status -> row.get());
        } catch (RowRejectedException e) {
            return ImportedRow.rejected(rowNumber, e.field(), e.getMessage());
        } catch (InvalidRequestException e) {
            return ImportedRow.rejected(rowNumber, e.field() == null ? "" : e.field(), e.getMessage());
        } catch (DomainException e) {
            return ImportedRow.rejected(rowNumber, fields.getOrDefault(e.problemType(), ""), e.getMessage());
        }
    }
}
