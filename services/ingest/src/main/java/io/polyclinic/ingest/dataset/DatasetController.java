package io.polyclinic.ingest.dataset;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/datasets}: the import targets with their canonical fields and natural keys. */
@RestController
@RequestMapping("/api/v1/datasets")
class DatasetController {

    private final DatasetCatalog catalog;

    DatasetController(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every dataset: {@code {"items": [{"name", "description", "fields": [...], "naturalKey": [...]}]}}. */
    @GetMapping
    DatasetList list() {
        return new DatasetList(catalog.all());
    }

    /** The answer of {@code GET /api/v1/datasets}. */
    record DatasetList(List<Dataset> items) {}
}
