package io.polyclinic.booking.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/admin/reviews/{id}/hide}: {@code {"reason"}}, why the review is hidden. */
public record HideReviewRequest(@NotBlank @Size(max = 500) String reason) {}
