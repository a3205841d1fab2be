package com.octoacme.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.testing.ProcessTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The webapps' index pages under concurrent load, as a busy support centre's browsers load them: each page's
 * scripts carry the nonce of its own Content-Security-Policy header (else the browser blocks them and the page
 * stays blank). Camunda 7.24 alone answered 1 in 6 Cockpit-to-Admin navigations with another request's nonce.
 */
@ProcessTest
// A context of its own, started for this class: Camunda's webapps keep their runtime in static fields, which the
// closing of another test context in this JVM (one with other properties) empties (the index page then fails with a
// NullPointerException in Cockpit.getProcessEngine); an application has one context, so this is the tests' problem.
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class WebappScriptNonceTest {

  private static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([^']+)'");
  private static final Pattern BODY_NONCE = Pattern.compile("<script[^>]*\\bnonce=\"([^\"]*)\"");

  /** Index pages of the three apps, between the asset requests that each page load makes. */
  private static final List<String> PATHS = List.of("/camunda/app/admin/default/", "/camunda/app/cockpit/default/",
      "/camunda/app/tasklist/default/", "/camunda/app/admin/styles/user-styles.css");

  @LocalServerPort int port;

  @Test
  void everyIndexPageCarriesTheNonceOfItsOwnHeader() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<String> mismatches = new ArrayList<>();
    int indexPages = 0;
    // the webapps' filters initialise at their first request: one request each first, then the concurrent ones
    for (String path : PATHS) {
      HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(first.statusCode()).as("%s: %s", path, first.body()).isEqualTo(200);
    }
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String path = PATHS.get(i % PATHS.size());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
        answers.add(clients.submit(() -> http.send(request, HttpResponse.BodyHandlers.ofString())));
      }
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get();
        assertThat(response.statusCode()).as("%s: %s", response.uri(), response.body()).isEqualTo(200);
        if (!response.uri().getPath().endsWith("/default/")) {
          continue;
        }
        indexPages++;
        Matcher header = HEADER_NONCE.matcher(response.headers().firstValue("Content-Security-Policy").orElse(""));
        assertThat(header.find()).as("a nonce in the CSP header of %s", response.uri()).isTrue();
        Matcher body = BODY_NONCE.matcher(response.body());
        assertThat(body.find()).as("a script with a nonce in %s", response.uri()).isTrue();
        do {
          if (!body.group(1).equals(header.group(1))) {
            mismatches.add(response.uri().getPath() + ": header " + header.group(1) + ", script " + body.group(1));
            break;
          }
        } while (body.find());
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(indexPages).isEqualTo(300);
    assertThat(mismatches).as("index pages whose scripts carry another request's nonce").isEmpty();
  }
}
