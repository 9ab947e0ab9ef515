package io.polyclinic.booking.slot;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/doctors/{id}/slots?from=&to=&clinicId=} (public): the doctor's free slots. {@code from} and
 * {@code to} are local dates ({@code yyyy-MM-dd}, inclusive, at most 31 days) in each slot's clinic zone; without
 * {@code from} the list starts with the first slot bookable now, and {@code to} defaults to today (UTC) + 6 days.
 */
@RestController
public class SlotController {

    private final SlotService slots;

    public SlotController(SlotService slots) {
        this.slots = slots;
    }

    /** Free slots by start; 404 unknown doctor; 400 inverted or too wide range. */
    @GetMapping("/api/v1/doctors/{id}/slots")
    public List<Slot> freeSlots(
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
            @RequestParam(required = false) UUID clinicId) {
        return slots.freeSlots(id, from, to, clinicId);
    }
}
