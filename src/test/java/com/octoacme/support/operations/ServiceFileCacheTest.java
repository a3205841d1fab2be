package com.octoacme.support.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The REST requests' class loader: the same service files as the request's own, read once; all else passed on. */
class ServiceFileCacheTest {

  private static final String PROVIDER_FILE = "META-INF/services/" + ProcessEngineProvider.class.getName();

  @Test
  void serviceFilesAreReadOnceAndFoundAsBefore() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    ClassLoader own = new ClassLoader(getClass().getClassLoader()) {
      @Override
      public java.util.Enumeration<URL> getResources(String name) throws java.io.IOException {
        if (name.equals(PROVIDER_FILE)) {
          lookups.incrementAndGet();
        }
        return super.getResources(name);
      }
    };
    ServiceFileCache filter = new ServiceFileCache();
    List<String> providers = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(own);
    try {
      for (int request = 0; request < 3; request++) {
        filter.doFilter(new MockHttpServletRequest("GET", "/engine-rest/task"), new MockHttpServletResponse(), (rq, rs) -> {
          ClassLoader during = Thread.currentThread().getContextClassLoader();
          ServiceLoader.load(ProcessEngineProvider.class).forEach(p -> providers.add(p.getClass().getName()));
          for (URL file : Collections.list(during.getResources(PROVIDER_FILE))) {
            try (InputStream in = file.openStream()) {
              contents.add(new String(in.readAllBytes()));
            }
          }
          // not a service file: the request's own loader answers
          assertThat(during.getResource("bpmn/support-escalation.bpmn")).isEqualTo(own.getResource("bpmn/support-escalation.bpmn"));
        });
        assertThat(Thread.currentThread().getContextClassLoader()).as("restored after the request").isSameAs(own);
      }
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    assertThat(lookups).as("the service file searched for once in three requests").hasValue(1);
    List<String> without = new ArrayList<>();
    ServiceLoader.load(ProcessEngineProvider.class, getClass().getClassLoader()).forEach(p -> without.add(p.getClass().getName()));
    assertThat(without).isNotEmpty();
    // the same providers in the same order (Camunda's REST API takes the first), in each request
    List<String> expectedProviders = new ArrayList<>();
    for (int request = 0; request < 3; request++) {
      expectedProviders.addAll(without);
    }
    assertThat(providers).isEqualTo(expectedProviders);
    String expected;
    try (InputStream in = own.getResource(PROVIDER_FILE).openStream()) {
      expected = new String(in.readAllBytes());
    }
    assertThat(expected).isNotBlank();
    assertThat(contents).hasSize(3 * Collections.list(own.getResources(PROVIDER_FILE)).size());
    assertThat(contents).contains(expected);
  }
}
