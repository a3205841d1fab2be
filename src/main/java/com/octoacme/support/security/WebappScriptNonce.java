package com.octoacme.support.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request to Camunda's webapps a script nonce of its own.
 *
 * <p>Camunda 7.24 puts a fresh nonce into each response's Content-Security-Policy header and hands it to the
 * index page through a <em>servlet context</em> attribute, which every concurrent webapp request overwrites. Under
 * load (a page's own asset requests are enough) an index page then carries another request's nonce, the browser
 * blocks its scripts and Tasklist, Cockpit or Admin stays blank (seen in 3 of 20 Cockpit-to-Admin navigations).
 * This filter runs ahead of Camunda's and keeps that one attribute on the request instead.
 */
public final class WebappScriptNonce extends OncePerRequestFilter {

  /** Camunda's name for it ({@code ContentSecurityPolicyProvider.ATTR_CSP_FILTER_NONCE}). */
  static final String NONCE_ATTRIBUTE = "org.camunda.bpm.csp.nonce";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new NonceOnRequest(request), response);
  }

  private static final class NonceOnRequest extends HttpServletRequestWrapper {
    private final ServletContext context;

    NonceOnRequest(HttpServletRequest request) {
      super(request);
      this.context = contextKeepingNonceOn(request);
    }

    @Override
    public ServletContext getServletContext() {
      return context;
    }
  }

  /** The request's servlet context, except that the nonce attribute is read from and written to the request. */
  private static ServletContext contextKeepingNonceOn(HttpServletRequest request) {
    ServletContext shared = request.getServletContext();
    return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
        new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
          if (args != null && args.length > 0 && NONCE_ATTRIBUTE.equals(args[0])) {
            switch (method.getName()) {
              case "getAttribute":
                return request.getAttribute(NONCE_ATTRIBUTE);
              case "setAttribute":
                request.setAttribute(NONCE_ATTRIBUTE, args[1]);
                return null;
              case "removeAttribute":
                request.removeAttribute(NONCE_ATTRIBUTE);
                return null;
              default:
                break;
            }
          }
          try {
            return method.invoke(shared, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
