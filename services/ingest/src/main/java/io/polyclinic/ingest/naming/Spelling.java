package io.polyclinic.ingest.naming;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the naming table: a header spelling that means a canonical field of a dataset.
 *
 * @param id the entry's id
 * @param dataset the dataset ({@code doctors}, {@code slots}, {@code clinic_visits})
 * @param spelling the header as entered ({@code "ФИО врача"})
 * @param normalized its normal form ({@link HeaderNormalizer}), unique per dataset
 * @param field the canonical field it maps to ({@code full_name})
 * @param updatedAt when it was last changed
 */
public record Spelling(UUID id, String dataset, String spelling, String normalized, String field, Instant updatedAt) {}
