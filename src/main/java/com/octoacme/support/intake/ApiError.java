package com.octoacme.support.intake;

import io.swagger.v3.oas.annotations.media.Schema;

/** The one error body of everything under /api. */
@Schema(name = "ApiError", description = "Why a request under /api was refused or failed. Nothing was started or changed.")
public record ApiError(
    @Schema(description = "The HTTP status code.", example = "400") int status,
    @Schema(description = "The HTTP status's reason phrase.", example = "Bad Request") String error,
    @Schema(description = "The request field at fault (a field of the body, or a header such as Idempotency-Key); "
        + "null when no single field is.", example = "accountTier", nullable = true) String field,
    @Schema(description = "What is wrong, for people.", example = "accountTier 'PLATINUM' is not one of FREE, PRO, ENTERPRISE")
    String message,
    @Schema(description = "The ticket the request was about, when known.", example = "TICKET-12345", nullable = true)
    String ticketId) {}
