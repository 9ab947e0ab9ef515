package io.polyclinic.booking.bulkimport;

import io.polyclinic.booking.bulkimport.ImportReferenceRepository.ClinicRef;
import io.polyclinic.booking.bulkimport.ImportReferenceRepository.SpecialtyRef;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The clinics and specialties one import call resolves its rows against, read once at the call's start. A clinic is
 * named by its UUID or its name, a specialty by its code or its Russian or English name; names match after
 * normalization (case, surrounding and repeated whitespace, {@code ё} as {@code е}).
 */
final class ImportReferences {

    private final Map<UUID, ClinicRef> clinicsById = new HashMap<>();
    private final Map<String, List<ClinicRef>> clinicsByName = new HashMap<>();
    private final Map<String, String> specialtyCodes = new HashMap<>();

    ImportReferences(List<ClinicRef> clinics, List<SpecialtyRef> specialties) {
        for (var clinic : clinics) {
            clinicsById.put(clinic.id(), clinic);
            clinicsByName
                    .computeIfAbsent(normalize(clinic.name()), k -> new java.util.ArrayList<>())
                    .add(clinic);
        }
        // Codes first, then names: a name never shadows another specialty's code.
        for (var specialty : specialties) {
            specialtyCodes.putIfAbsent(normalize(specialty.nameEn()), specialty.code());
            specialtyCodes.putIfAbsent(normalize(specialty.nameRu()), specialty.code());
        }
        for (var specialty : specialties) {
            specialtyCodes.put(normalize(specialty.code()), specialty.code());
        }
    }

    /**
     * The clinic a row names.
     *
     * @throws RowRejectedException for an unknown clinic, or a name several clinics share
     */
    ClinicRef clinic(String field, String value) {
        var text = value == null ? "" : value.strip();
        var byId = parseUuid(text).map(clinicsById::get);
        if (byId.isPresent()) {
            return byId.get();
        }
        var named = clinicsByName.getOrDefault(normalize(text), List.of());
        if (named.isEmpty()) {
            throw new RowRejectedException(field, "Unknown clinic \"" + text + "\": give its exact name or id.");
        }
        if (named.size() > 1) {
            throw new RowRejectedException(field, "Several clinics are named \"" + text + "\": give the clinic's id.");
        }
        return named.getFirst();
    }

    /**
     * The code of the specialty a row names.
     *
     * @throws RowRejectedException for an unknown specialty
     */
    String specialtyCode(String field, String value) {
        var text = value == null ? "" : value.strip();
        var code = specialtyCodes.get(normalize(text));
        if (code == null) {
            throw new RowRejectedException(
                    field, "Unknown specialty \"" + text + "\": give its code or its Russian or English name.");
        }
        return code;
    }

    static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    private static Optional<UUID> parseUuid(String text) {
        if (text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
