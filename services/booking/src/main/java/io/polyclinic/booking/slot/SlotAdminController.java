package io.polyclinic.booking.slot;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.security.AuthenticatedUser;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Slot administration (ADMIN, or CLINIC_MANAGER of the slot's clinic): create one, list all (paged), block, unblock,
 * delete.
 */
@RestController
public class SlotAdminController {

    private final SlotService slots;

    public SlotAdminController(SlotService slots) {
        this.slots = slots;
    }

    /** Creates a slot: 201 + Location; 409 when it overlaps another slot of the doctor. */
    @PostMapping("/api/v1/admin/doctors/{id}/slots")
    public ResponseEntity<Slot> create(
            AuthenticatedUser user, @PathVariable UUID id, @Valid @RequestBody SlotRequest request) {
        var slot = slots.create(user, id, request);
        return ResponseEntity.created(URI.create("/api/v1/admin/slots/" + slot.id()))
                .body(slot);
    }

    /**
     * {@code GET /api/v1/admin/doctors/{id}/slots?from=&to=&status=&page=&size=}: a page of every slot of the doctor
     * by start, {@code {"items":[slot...],"page","size","totalItems","totalPages"}}, on local dates {@code from..to}
     * (without {@code from}: from now; {@code to} defaults to the start + 6 days; at most 31 days), optionally of one
     * status; a CLINIC_MANAGER sees only the slots in their clinics. {@code page} defaults to 0, {@code size} (1..100)
     * to 100. 404 unknown doctor; 400 bad range, {@code page < 0} or {@code size > 100}.
     */
    @GetMapping("/api/v1/admin/doctors/{id}/slots")
    public PageResponse<Slot> list(
            AuthenticatedUser user,
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
            @RequestParam(required = false) SlotStatus status,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return slots.allSlots(user, id, from, to, status, PageQuery.of(page, size == null ? PageQuery.MAX_SIZE : size));
    }

    /** AVAILABLE -> BLOCKED; 409 for a BOOKED slot. */
    @PostMapping("/api/v1/admin/slots/{id}/block")
    public Slot block(AuthenticatedUser user, @PathVariable UUID id) {
        return slots.block(user, id);
    }

    /** BLOCKED -> AVAILABLE; 409 for a BOOKED slot. */
    @PostMapping("/api/v1/admin/slots/{id}/unblock")
    public Slot unblock(AuthenticatedUser user, @PathVariable UUID id) {
        return slots.unblock(user, id);
    }

    /** 204; 409 for a BOOKED slot or one with appointment history. */
    @DeleteMapping("/api/v1/admin/slots/{id}")
    public ResponseEntity<Void> delete(AuthenticatedUser user, @PathVariable UUID id) {
        slots.delete(user, id);
        return ResponseEntity.noContent().build();
    }
}
