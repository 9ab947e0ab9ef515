package io.polyclinic.ingest.naming;

import io.polyclinic.ingest.dataset.Dataset;
import io.polyclinic.ingest.dataset.DatasetCatalog;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.audit.AuditTrail;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The naming table's use cases: mapping a file's headers to a dataset's fields, and editing the spellings (ADMINs and
 * CLINIC_MANAGERs; every change is audited in its transaction).
 */
@Service
public class NamingService {

    private final NamingRepository repository;
    private final DatasetCatalog catalog;
    private final AuditTrail audit;

    NamingService(NamingRepository repository, DatasetCatalog catalog, AuditTrail audit) {
        this.repository = repository;
        this.catalog = catalog;
        this.audit = audit;
    }

    /**
     * The proposed mapping of a header row: each header normalized and looked up; the first column that maps to a
     * field feeds it (a later one is noted as a duplicate); unknown headers get the field of the closest known spelling
     * as a suggestion; blank headers are skipped.
     *
     * @param dataset the target dataset
     * @param headers the header row's cells, in column order ({@code null} or blank for an empty cell)
     */
    @Transactional(readOnly = true)
    public HeaderMapping map(Dataset dataset, List<String> headers) {
        var known = repository.findByDataset(dataset.name());
        var byNormalized = new HashMap<String, Spelling>();
        known.forEach(s -> byNormalized.put(s.normalized(), s));
        // A canonical field name is a spelling of itself ("full_name", "Full name").
        var withFieldNames = new ArrayList<>(known);
        for (var field : dataset.fields()) {
            var self = HeaderNormalizer.normalize(field.name());
            var spelling = new Spelling(null, dataset.name(), field.name(), self, field.name(), null);
            byNormalized.putIfAbsent(self, spelling);
            withFieldNames.add(spelling);
        }
        var columns = new ArrayList<ColumnMapping>();
        var unknown = new ArrayList<String>();
        var firstColumnOf = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < headers.size(); i++) {
            var header = headers.get(i);
            var normalized = HeaderNormalizer.normalize(header);
            if (normalized.isEmpty()) {
                continue;
            }
            var match = byNormalized.get(normalized);
            if (match == null) {
                var suggestion = SpellingSuggester.closest(normalized, withFieldNames);
                unknown.add(header.strip());
                columns.add(new ColumnMapping(
                        i,
                        header.strip(),
                        null,
                        suggestion.map(Spelling::field).orElse(null),
                        suggestion.map(Spelling::spelling).orElse(null),
                        null));
            } else if (firstColumnOf.containsKey(match.field())) {
                columns.add(new ColumnMapping(
                        i,
                        header.strip(),
                        null,
                        null,
                        null,
                        "also maps to " + match.field() + "; column " + (firstColumnOf.get(match.field()) + 1)
                                + " is used"));
            } else {
                firstColumnOf.put(match.field(), i);
                columns.add(new ColumnMapping(i, header.strip(), match.field(), null, null, null));
            }
        }
        var mapped = new HashSet<>(firstColumnOf.keySet());
        var missing = dataset.requiredFields().stream()
                .map(f -> f.name())
                .filter(f -> !mapped.contains(f))
                .toList();
        return new HeaderMapping(dataset.name(), columns, unknown, missing);
    }

    /** One page of the naming table, optionally of one dataset. */
    @Transactional(readOnly = true)
    public PageResponse<Spelling> list(String dataset, PageQuery page) {
        if (dataset != null) {
            catalog.get(dataset);
        }
        return PageResponse.of(repository.page(dataset, page.offset(), page.size()), page, repository.count(dataset));
    }

    /**
     * Adds a spelling.
     *
     * @throws io.polyclinic.ingest.dataset.UnknownDatasetException for an unknown dataset (400)
     * @throws InvalidRequestException for an unknown field or a spelling without letters or digits (400)
     * @throws SpellingTakenException when the dataset already has the spelling once normalized (409)
     */
    @Transactional
    public Spelling add(AuthenticatedUser actor, String datasetName, String spelling, String field) {
        var dataset = catalog.get(datasetName);
        requireField(dataset, field);
        var normalized = HeaderNormalizer.normalize(spelling);
        if (normalized.isEmpty() || normalized.length() > 200) {
            throw new InvalidRequestException("spelling", "A spelling needs 1 to 200 letters or digits.");
        }
        var id = Ids.newId();
        if (!repository.insert(id, dataset.name(), spelling.strip(), normalized, field, actor.id())) {
            var existing =
                    repository.findByNormalized(dataset.name(), normalized).orElseThrow();
            throw new SpellingTakenException(existing.spelling(), existing.field());
        }
        audit.record(new AuditEntry(
                actor.id(),
                "NAMING_SPELLING_ADDED",
                "naming_spelling",
                id.toString(),
                Map.of("dataset", dataset.name(), "spelling", spelling.strip(), "field", field)));
        return repository.find(id).orElseThrow();
    }

    /**
     * Points a spelling at another field of its dataset.
     *
     * @throws NotFoundException for an unknown id (404)
     * @throws InvalidRequestException for a field the dataset does not have (400)
     */
    @Transactional
    public Spelling changeField(AuthenticatedUser actor, UUID id, String field) {
        var before = repository.find(id).orElseThrow(() -> new NotFoundException("Spelling", id));
        requireField(catalog.get(before.dataset()), field);
        repository.updateField(id, field);
        audit.record(new AuditEntry(
                actor.id(),
                "NAMING_SPELLING_CHANGED",
                "naming_spelling",
                id.toString(),
                Map.of(
                        "dataset",
                        before.dataset(),
                        "spelling",
                        before.spelling(),
                        "from",
                        before.field(),
                        "to",
                        field)));
        return repository.find(id).orElseThrow();
    }

    /**
     * Removes a spelling.
     *
     * @throws NotFoundException for an unknown id (404)
     */
    @Transactional
    public void delete(AuthenticatedUser actor, UUID id) {
        var before = repository.find(id).orElseThrow(() -> new NotFoundException("Spelling", id));
        repository.delete(id);
        audit.record(new AuditEntry(
                actor.id(),
                "NAMING_SPELLING_DELETED",
                "naming_spelling",
                id.toString(),
                Map.of("dataset", before.dataset(), "spelling", before.spelling(), "field", before.field())));
    }

    private static void requireField(Dataset dataset, String field) {
        if (field == null || dataset.field(field).isEmpty()) {
            throw new InvalidRequestException(
                    "field",
                    "Unknown field for dataset " + dataset.name() + "; its fields are: "
                            + String.join(
                                    ", ",
                                    dataset.fields().stream().map(f -> f.name()).toList()) + ".");
        }
    }
}
