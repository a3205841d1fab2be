package com.octoacme.support.board;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * /board: the escalation tracking board (static, src/main/resources/static/board). The page holds no data; it
 * reads /api/board with the user's Camunda login, as the metrics dashboard does.
 */
@Controller
class BoardPageController {

  @GetMapping({"/board", "/board/"})
  ResponseEntity<Void> board() {
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/board/index.html")).build();
  }
}
