package io.polyclinic.ingest.imports;

import io.polyclinic.spreadsheet.SpreadsheetLimits;
import java.time.Duration;

/**
 * What imports and previews need from the service's settings.
 *
 * @param limits the readers' bounds (file size from {@code polyclinic.ingest.max-file-size})
 * @param previewRows rows a preview shows
 * @param maxRowErrors row errors kept per import
 * @param progressInterval how often a running import writes its progress and looks for a cancel
 * @param phoneRegion the region of phone numbers written without a country code ({@code RU})
 */
public record ImportSettings(
        SpreadsheetLimits limits, int previewRows, int maxRowErrors, Duration progressInterval, String phoneRegion) {}
