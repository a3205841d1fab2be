package com.octoacme.support.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's REST APIs look their process engine up through {@link java.util.ServiceLoader} on every request
 * ({@code EngineUtil.lookupProcessEngine}), which in the application's jar searches each of its nested jars for the
 * service file and reads it again (the load benchmark's profile: 1.8 % of the application's CPU). Their requests run
 * with a context class loader that remembers the service files and their content, which cannot change while the
 * application runs; everything else it leaves to the request's own class loader.
 */
public final class ServiceFileCache extends OncePerRequestFilter {

  private static final String SERVICE_FILES = "META-INF/services/";
  private final Map<ClassLoader, ClassLoader> remembering = new ConcurrentHashMap<>();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    if (own == null) {
      chain.doFilter(request, response);
      return;
    }
    thread.setContextClassLoader(remembering.computeIfAbsent(own, RememberingServiceFiles::new));
    try {
      chain.doFilter(request, response);
    } finally {
      thread.setContextClassLoader(own);
    }
  }

  /** For the engine's REST API and the webapps' (Tasklist's calls). */
  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<ServiceFileCache> serviceFileCache(
        @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
      FilterRegistrationBean<ServiceFileCache> registration = new FilterRegistrationBean<>(new ServiceFileCache());
      registration.addUrlPatterns("/engine-rest/*", webappPath + "/api/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
      registration.setName("serviceFileCache");
      return registration;
    }
  }

  private static final class RememberingServiceFiles extends ClassLoader {
    static {
      // request threads load classes through it at once: no lock on the loader
      ClassLoader.registerAsParallelCapable();
    }

    private final Map<String, List<URL>> files = new ConcurrentHashMap<>();

    RememberingServiceFiles(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (!name.startsWith(SERVICE_FILES)) {
        return super.getResources(name);
      }
      try {
        return Collections.enumeration(files.computeIfAbsent(name, this::inMemory));
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }

    private List<URL> inMemory(String name) {
      try {
        List<URL> copies = new ArrayList<>();
        for (URL file : Collections.list(getParent().getResources(name))) {
          byte[] content;
          try (InputStream in = file.openStream()) {
            content = in.readAllBytes();
          }
          copies.add(new URL(null, "memory:" + file, new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL url) {
              return new URLConnection(url) {
                @Override
                public void connect() {
                  // in memory
                }

                @Override
                public InputStream getInputStream() {
                  return new ByteArrayInputStream(content);
                }
              };
            }
          }));
        }
        return List.copyOf(copies);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
