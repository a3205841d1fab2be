package com.octoacme.support.metrics;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** /dashboard: the support leads' metrics page (static, src/main/resources/static/dashboard; its data needs a login). */
@Controller
class DashboardController {

  @GetMapping({"/dashboard", "/dashboard/"})
  ResponseEntity<Void> dashboard() {
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/dashboard/index.html")).build();
  }
}
