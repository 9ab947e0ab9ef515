package io.polyclinic.booking.review;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.security.AuthenticatedUser;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reviews: {@code GET /api/v1/doctors/{id}/reviews} (public, paged, newest first) and {@code .../{reviewId}},
 * {@code POST /api/v1/doctors/{id}/reviews} (PATIENT), and the admin moderation
 * {@code GET /api/v1/admin/reviews} (the moderation queue), {@code POST /api/v1/admin/reviews/{id}/hide}
 * ({@code {"reason"}}) and {@code .../unhide}.
 */
@RestController
public class ReviewController {

    private final ReviewService reviews;

    public ReviewController(ReviewService reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/api/v1/doctors/{id}/reviews")
    public PageResponse<Review> list(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return reviews.visible(id, PageQuery.of(page, size));
    }

    /** One visible review; 404 when unknown, hidden or of another doctor. */
    @GetMapping("/api/v1/doctors/{id}/reviews/{reviewId}")
    public Review one(@PathVariable UUID id, @PathVariable UUID reviewId) {
        return reviews.visible(id, reviewId);
    }

    /** Posts a review: 201 + Location {@code /api/v1/doctors/{id}/reviews/{reviewId}} + the review. */
    @PostMapping("/api/v1/doctors/{id}/reviews")
    public ResponseEntity<Review> post(
            AuthenticatedUser user, @PathVariable UUID id, @Valid @RequestBody ReviewRequest request) {
        var review = reviews.post(user, id, request);
        return ResponseEntity.created(URI.create("/api/v1/doctors/" + id + "/reviews/" + review.id()))
                .body(review);
    }

    /**
     * The moderation queue, ADMIN only: {@code GET /api/v1/admin/reviews?hidden=true|false&page=&size=}, a page of
     * {@link ModeratedReview}; without {@code hidden} every review, newest first; {@code hidden=true} the hidden
     * ones, most recently hidden first. 400 for a {@code hidden} that is not a boolean or a size over 100.
     */
    @GetMapping("/api/v1/admin/reviews")
    @PreAuthorize("hasRole('ADMIN')")
    public PageResponse<ModeratedReview> moderation(
            @RequestParam(required = false) Boolean hidden,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return reviews.forModeration(hidden, PageQuery.of(page, size));
    }

    /** Hides an abusive review: 204. */
    @PostMapping("/api/v1/admin/reviews/{id}/hide")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<Void> hide(
            AuthenticatedUser user, @PathVariable UUID id, @Valid @RequestBody HideReviewRequest request) {
        reviews.hide(user, id, request.reason());
        return ResponseEntity.noContent().build();
    }

    /** Shows a hidden review again: 204. */
    @PostMapping("/api/v1/admin/reviews/{id}/unhide")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<Void> unhide(AuthenticatedUser user, @PathVariable UUID id) {
        reviews.unhide(user, id);
        return ResponseEntity.noContent().build();
    }
}
