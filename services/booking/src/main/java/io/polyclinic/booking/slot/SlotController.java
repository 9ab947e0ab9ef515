package io.polyclinic.booking.slot;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/doctors/{id}/slots?from=&to=&clinicId=&page=&size=} (public): a page of the doctor's free slots,
 * {@code {"items":[slot...],"page","size","totalItems","totalPages"}}. {@code from} and {@code to} are local dates
 * ({@code yyyy-MM-dd}, inclusive, at most 31 days) in each slot's clinic zone; without {@code from} the list starts
 * with the first slot bookable now, and {@code to} defaults to today (UTC) + 6 days. {@code size} defaults to the cap
 * (100), so one page usually holds a whole week.
 */
@RestController
public class SlotController {

    private final SlotService slots;

    public SlotController(SlotService slots) {
        this.slots = slots;
    }

    /**
     * A page of free slots by start (zero-based {@code page}, default 0; {@code size} 1..100, default 100); 404
     * unknown doctor; 400 inverted or too wide range, {@code page < 0} or {@code size > 100}; an empty page for a
     * doctor who is not ACTIVE.
     */
    @GetMapping("/api/v1/doctors/{id}/slots")
    public PageResponse<Slot> freeSlots(
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
            @RequestParam(required = false) UUID clinicId,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return slots.freeSlots(id, from, to, clinicId, PageQuery.of(page, size == null ? PageQuery.MAX_SIZE : size));
    }
}
