package com.octoacme.support.featurerequest;

import com.octoacme.support.intake.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import java.security.Principal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads a feature request. Who may (SecurityConfiguration, the same rule as the engine's authorizations in
 * AuthorizationSetup): Support, the product team and the product managers; contract values are theirs only.
 */
@RestController
@RequestMapping(FeatureRequestController.BASE_PATH)
@Tag(name = "Feature requests")
class FeatureRequestController {

  static final String BASE_PATH = "/api/feature-requests";

  private final FeatureRequestService service;

  FeatureRequestController(FeatureRequestService service) {
    this.service = service;
  }

  @GetMapping(value = "/{featureKey}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Transactional(readOnly = true)
  @Operation(summary = "Read a feature request",
      description = "Every request for the feature, every requesting customer with tier and contract value, the "
          + "summed contract value, the review criteria that hold, what it waits for, Product's decision and the "
          + "linked escalations (ticket IDs). For Support, the product team and the product managers only.")
  @ApiResponse(responseCode = "200", description = "The feature request.",
      content = @Content(schema = @Schema(implementation = FeatureRequestDetails.class)))
  @ApiResponse(responseCode = "401", description = "No or wrong credentials.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "403", description = "The caller is not in support, product-team or product-managers.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "404", description = "No feature request has this key.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "500", description = "An unexpected failure.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  FeatureRequestDetails get(@Parameter(in = ParameterIn.PATH, name = "featureKey", required = true,
      description = "The feature's key (the business key of its feature-request instance).", example = "FEAT-SSO-SCIM")
      @PathVariable String featureKey) {
    return service.details(featureKey.strip().toUpperCase(java.util.Locale.ROOT))
        .orElseThrow(() -> notFound(featureKey));
  }

  @PostMapping(value = "/{featureKey}/roadmap-aligned", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Flag a feature request as aligned with the roadmap",
      description = "The strategic review criterion, set by a product manager (or Support): the criteria are "
          + "evaluated again at once, so a waiting feature request goes to Product review. Idempotent: flagging it "
          + "again changes nothing. No body. For Support and the product managers only.")
  @ApiResponse(responseCode = "200", description = "Flagged; the feature request as it is now.",
      content = @Content(schema = @Schema(implementation = FeatureRequestDetails.class)))
  @ApiResponse(responseCode = "401", description = "No or wrong credentials.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "403", description = "The caller is not in support or product-managers.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "404", description = "No feature request has this key.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "409", description = "Product has decided the feature request already.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "500", description = "An unexpected failure; nothing changed.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  FeatureRequestDetails flagRoadmapAligned(@Parameter(in = ParameterIn.PATH, name = "featureKey", required = true,
      description = "The feature's key.", example = "FEAT-SSO-SCIM") @PathVariable String featureKey,
      @Parameter(hidden = true) Principal caller) {
    try {
      return service.flagRoadmapAligned(featureKey.strip().toUpperCase(java.util.Locale.ROOT), caller.getName())
          .orElseThrow(() -> notFound(featureKey));
    } catch (FeatureRequestService.AlreadyDecidedException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
    }
  }

  private static ResponseStatusException notFound(String featureKey) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "no feature request has key " + featureKey);
  }
}
